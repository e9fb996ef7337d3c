import {useEffect, useMemo} from 'react';
import {useSyncService} from './service-context.js';
import {useValueStore} from './value-store.js';

export type QuitFlow = {
	/** True while the "quit anyway?" question is shown. */
	asking: boolean;
	/** True once quitting started: the engine is being disposed (VPNs disconnected). */
	quitting: boolean;
	/** Synchronous reads for key handlers (see value-store.ts). */
	isAsking(): boolean;
	isQuitting(): boolean;
	/** q / Ctrl-C: quit at once when idle, else ask. */
	request(): void;
	/** Quit without asking (the answer was yes). */
	confirm(): void;
	cancel(): void;
};

/**
 * SPEC §5: quitting asks only while a push or a queue delivery runs — background reads
 * (status, fetches, health probes) are simply stopped — and always ends in onExit (which
 * disposes the engine). `busy` is read when q is pressed: writes asked for but not yet
 * counted by the engine.
 */
export function useQuit(onExit: () => void, busy: () => number): QuitFlow {
	const service = useSyncService();
	const [state, store] = useValueStore(() => ({asking: false, quitting: false}));
	const exit = useMemo(() => ({onExit, busy}), [onExit, busy]);

	const actions = useMemo(() => {
		const confirm = (): void => {
			if (store.get().quitting) return;
			store.set({asking: false, quitting: true});
			exit.onExit();
		};

		return {
			isAsking: () => store.get().asking,
			isQuitting: () => store.get().quitting,
			confirm,
			request() {
				if (store.get().quitting) return;
				// The engine itself, not the throttled snapshot, which may be one interval old.
				if (Math.max(service.getSnapshot().writing, exit.busy()) > 0) store.set({asking: true, quitting: false});
				else confirm();
			},
			cancel() {
				if (store.get().asking) store.set({asking: false, quitting: false});
			},
		};
	}, [store, service, exit]);

	// The question was only because a write was running: once none is, the q stands (the user
	// asked to quit and did not say "keep working"), so the dashboard quits by itself.
	// Checked on the engine's changes and on every render (the UI's own write count changes then).
	const writesEnded = (): void => {
		if (store.get().asking && Math.max(service.getSnapshot().writing, exit.busy()) === 0) actions.confirm();
	};

	useEffect(() => {
		if (state.asking) writesEnded();
	});
	useEffect(() => (state.asking ? service.subscribe(writesEnded) : undefined), [state.asking]);

	return {...state, ...actions};
}
