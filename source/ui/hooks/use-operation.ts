import {useCallback, useMemo, useState} from 'react';
import type {HealthResult, OperationReport} from '../../core/model.js';
import type {PendingConfirmation} from '../../core/snapshot.js';
import {plural} from '../format.js';
import {useSyncService} from './service-context.js';
import {useValueStore} from './value-store.js';

export type Notice = {level: 'info' | 'error'; text: string};

export type OperationApi = {
	/** Forced pushes waiting for the user's answer; the first one is asked. */
	pending: readonly PendingConfirmation[];
	/** Outcome of the last intent: a one-line summary, the engine's notes, or an error. */
	notice: Notice | undefined;
	/** Intents started here whose promise has not settled yet. */
	inFlight: number;
	/** Synchronous reads for key handlers (see value-store.ts): pushes and queue deliveries asked for and not settled yet. */
	busy(): number;
	hasPending(): boolean;
	/** `R`: re-read the refs and fetch every remote now. */
	refreshNow(): void;
	push(remotes: string[]): void;
	pushAll(): void;
	/** No names: every remote. */
	fetch(remotes?: string[]): void;
	health(remotes?: string[]): void;
	retryQueue(): void;
	setDryRun(dryRun: boolean): void;
	setBranch(branch: string): void;
	/** Answers for this confirmation only: a stale dialog's key never answers the next one. */
	confirmForce(confirmation: PendingConfirmation): void;
	cancelForce(confirmation: PendingConfirmation): void;
};

export function summarizeReport(kind: string, report: OperationReport): string {
	const {succeeded, failed, blocked, skipped, queued} = report.summary;
	const parts = [
		succeeded > 0 ? `${succeeded} ok` : '',
		failed > 0 ? `${failed} failed` : '',
		blocked > 0 ? `${blocked} blocked` : '',
		queued > 0 ? `${queued} queued` : '',
		skipped > 0 ? `${skipped} skipped` : '',
	].filter(Boolean);
	const notes = report.notes?.length ? ` — ${report.notes.join('; ')}` : '';
	return `${kind}: ${parts.length > 0 ? parts.join(' · ') : 'nothing to do'}${notes}`;
}

function reportNotice(kind: string, report: OperationReport, suffix = ''): Notice {
	const {failed, blocked} = report.summary;
	return {level: failed > 0 || blocked > 0 ? 'error' : 'info', text: summarizeReport(kind, report) + suffix};
}

function summarizeHealth(results: HealthResult[]): string {
	const down = results.filter((result) => !result.reachable).length;
	return `health: ${results.length - down} reachable${down > 0 ? ` · ${down} unreachable` : ''}`;
}

function failureNotice(label: string, error: unknown): Notice {
	const message = error instanceof Error ? error.message : String(error);
	return {level: 'error', text: `${label} failed: ${message} (press @ for the log)`};
}

/**
 * Starts intents without waiting for them: every call returns at once and the promise settles
 * into `notice` / `pending` later, so keys stay responsive while git and VPN commands run.
 */
export function useOperation(): OperationApi {
	const service = useSyncService();
	// Read synchronously when answering: two fast `y`s must not force-push the same remote twice.
	const [pending, pendingStore] = useValueStore<readonly PendingConfirmation[]>(() => []);
	const [notice, setNotice] = useState<Notice | undefined>();
	const [inFlight, inFlightStore] = useValueStore(() => 0);
	// Only writes make quit ask (SPEC §5); counted here from the key press until the engine counts them.
	const writesStore = useValueStore(() => 0)[1];

	const start = useCallback(<T,>(label: string, run: () => Promise<T>, describe: (value: T) => Notice | undefined, writes = false) => {
		inFlightStore.update((count) => count + 1);
		if (writes) writesStore.update((count) => count + 1);
		// `run` may also throw synchronously: both paths end in the same notice.
		void Promise.resolve()
			.then(run)
			.then(
				(value) => {
					const next = describe(value);
					if (next) setNotice(next);
				},
				(error: unknown) => setNotice(failureNotice(label, error)),
			)
			.finally(() => {
				inFlightStore.update((count) => count - 1);
				if (writes) writesStore.update((count) => count - 1);
			});
	}, [inFlightStore, writesStore]);

	const runPush = useCallback(
		(options: {remotes?: string[]; allRemotes?: boolean}) => {
			start('push', () => service.push(options), (report) => {
				const asks = report.needsConfirmation;
				if (asks.length > 0) {
					pendingStore.update((queue) => [
						...queue,
						...asks.filter((ask) => !queue.some((q) => q.remote === ask.remote && q.branch === ask.branch)),
					]);
				}

				return reportNotice('push', report, asks.length > 0 ? ` · ${plural(asks.length, 'force push')} to confirm` : '');
			}, true);
		},
		[service, start, pendingStore],
	);

	const answer = useCallback(
		(confirmation: PendingConfirmation, confirmed: boolean) => {
			const [first, ...rest] = pendingStore.get();
			if (!first || first !== confirmation) return;
			pendingStore.set(rest);
			if (confirmed) {
				start('force push', () => service.confirmForcePush(first), (report) => reportNotice(`force push of ${first.branch} to ${first.remote}`, report), true);
			} else setNotice({level: 'info', text: `force push of ${first.branch} to ${first.remote} cancelled`});
		},
		[pendingStore, service, start],
	);

	return useMemo<OperationApi>(
		() => ({
			pending,
			notice,
			inFlight,
			busy: () => writesStore.get(),
			hasPending: () => pendingStore.get().length > 0,
			refreshNow: () => start('refresh', () => service.refreshNow(), () => ({level: 'info', text: 'refreshed every remote'})),
			push: (remotes) => runPush({remotes}),
			pushAll: () => runPush({allRemotes: true}),
			fetch: (remotes) => start('fetch', () => service.fetch({remotes}), (report) => reportNotice('fetch', report)),
			health: (remotes) => start('health check', () => service.healthCheck({remotes}), (results) => ({level: results.every((result) => result.reachable) ? 'info' : 'error', text: summarizeHealth(results)})),
			retryQueue: () => start('queue retry', () => service.processQueue(), (report) => reportNotice('queue', report), true),
			setDryRun: (dryRun) => start('dry-run', async () => service.setDryRun(dryRun), () => ({level: 'info', text: dryRun ? 'dry-run on: nothing will be pushed' : 'dry-run off'})),
			setBranch: (branch) => start('switching branch', () => service.setBranch(branch), () => ({level: 'info', text: `showing branch ${branch}`})),
			confirmForce: (confirmation) => answer(confirmation, true),
			cancelForce: (confirmation) => answer(confirmation, false),
		}),
		[pending, notice, inFlight, writesStore, pendingStore, runPush, start, service, answer],
	);
}
