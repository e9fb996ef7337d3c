import {useCallback, useRef, useState} from 'react';
import {useSyncService} from './service-context.js';

export type QuitFlow = {
	/** True while the "quit anyway?" question is shown. */
	asking: boolean;
	/** True once quitting started: the engine is being disposed (VPNs disconnected). */
	quitting: boolean;
	/** q / Ctrl-C: quit at once when idle, else ask. */
	request(): void;
	/** Quit without asking (the answer was yes). */
	confirm(): void;
	cancel(): void;
};

/** SPEC §5: quitting asks while work runs, and always ends in onExit (which disposes the engine). */
export function useQuit(onExit: () => void, inFlight: number): QuitFlow {
	const service = useSyncService();
	const [asking, setAsking] = useState(false);
	const [quitting, setQuitting] = useState(false);

	const started = useRef(false);

	const confirm = useCallback(() => {
		setAsking(false);
		if (started.current) return;
		started.current = true;
		setQuitting(true);
		onExit();
	}, [onExit]);

	const request = useCallback(() => {
		// Read the engine directly: the throttled snapshot may be up to one interval old, and an
		// intent just started may not have reached `running` yet (hence inFlight).
		const busy = Math.max(service.getSnapshot().running, inFlight);
		if (busy > 0) setAsking(true);
		else confirm();
	}, [service, inFlight, confirm]);

	const cancel = useCallback(() => setAsking(false), []);

	return {asking, quitting, request, confirm, cancel};
}
