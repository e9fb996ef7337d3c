import type {ResolvedRemote} from '../config/schema.js';
import type {GitFailure, OperationReport, OperationResult} from '../model.js';
import {fetchRemote} from '../status/fetch.js';
import {withOperation} from './activity.js';
import {mapBounded} from './bounded.js';
import {commandLogger} from './command-log.js';
import {probeInsteadOfFetch} from './fetch-dry-run.js';
import type {ServiceContext} from './context.js';
import {summarize} from './summary.js';
import {withVpn} from './with-vpn.js';

export type FetchOutcome = {
	remote: string;
	ok: boolean;
	durationMs: number;
	failure?: GitFailure;
	/** Dry-run: what the probe found, reported as is (fetch-dry-run.ts). */
	dryRun?: OperationResult;
	/** Why the remote was deliberately not fetched (it is not trusted). */
	skipped?: string;
};

export type FetchOptions = {
	/** At most this many at once (default max_workers). */
	limit?: number;
	/** Called as each remote's fetch ends, before the others do: its row can update at once. */
	onOutcome?: (outcome: FetchOutcome) => void;
};

/**
 * Fetch each remote in parallel (bounded); one dead remote never delays the others' results.
 * Every outcome is remembered in `context.fetchFailures`: a failed remote's row stays stale
 * (last known state + the failure) until a fetch of it succeeds.
 */
export async function fetchRemotes(context: ServiceContext, remotes: readonly ResolvedRemote[], options: FetchOptions = {}): Promise<{report: OperationReport; outcomes: FetchOutcome[]}> {
	const outcomes = await mapBounded(
		remotes,
		options.limit ?? context.config.settings.maxWorkers,
		async remote => {
			const outcome = await fetchOne(context, remote);
			if (outcome.failure) context.fetchFailures.set(remote.name, outcome.failure);
			else if (outcome.ok) context.fetchFailures.delete(remote.name);
			options.onOutcome?.(outcome);
			return outcome;
		},
		(remote, error) => ({remote: remote.name, ok: false, durationMs: 0, failure: {class: 'other' as const, message: String(error)}}),
	);
	const results = outcomes.map((outcome, index) => outcome.dryRun ?? toResult(outcome, remotes[index]!));
	return {report: {results, summary: summarize(results)}, outcomes};
}

async function fetchOne(context: ServiceContext, remote: ResolvedRemote): Promise<FetchOutcome> {
	return withOperation(context, 'fetch', remote.name, {branch: '*'}, async operation => {
		if (remote.untrusted !== undefined) {
			// Never contacted: its destination waits for `remote-sync trust` (SPEC §2).
			const outcome = {remote: remote.name, ok: false, durationMs: 0, skipped: remote.untrusted};
			operation.finish(toResult(outcome, remote));
			return outcome;
		}

		if (context.dryRun()) {
			// Fetching changes remote-tracking refs, and dry-run promises nothing changes: probe instead.
			const dryRun = await probeInsteadOfFetch(context, remote, operation.id);
			operation.finish(dryRun);
			const failure = dryRun.status === 'failed' ? {class: dryRun.errorClass ?? ('other' as const), message: dryRun.error ?? dryRun.message ?? ''} : undefined;
			return {remote: remote.name, ok: failure === undefined, durationMs: dryRun.durationMs, failure, dryRun};
		}

		operation.progress({phase: remote.vpn ? 'vpn' : 'connecting'});
		const started = Date.now();
		const outcome: FetchOutcome = await withVpn(
			context,
			remote,
			async () => {
				operation.progress({phase: 'connecting'});
				return fetchRemote({
					cwd: context.cwd,
					remote,
					timeoutSeconds: remote.timeoutSeconds,
					signal: context.signal,
					onCommand: commandLogger(context, operation.id, remote.name),
				});
			},
			reason => ({remote: remote.name, ok: false, durationMs: Date.now() - started, failure: {class: 'vpn-down', message: reason}}),
		);
		operation.finish(toResult(outcome, remote));
		return outcome;
	});
}

function toResult(outcome: FetchOutcome, remote: ResolvedRemote): OperationResult {
	if (outcome.skipped !== undefined) return {remote: outcome.remote, branch: '*', status: 'skipped', durationMs: 0, attempts: 0, vpn: remote.vpn?.name, message: outcome.skipped};
	return {
		remote: outcome.remote,
		branch: '*',
		// Fetch has no status of its own in SPEC §6: its tracking refs are now up to date.
		status: outcome.ok ? 'up-to-date' : 'failed',
		durationMs: outcome.durationMs,
		attempts: 1,
		vpn: remote.vpn?.name,
		message: outcome.ok ? `fetched ${remote.name}` : undefined,
		error: outcome.failure ? [outcome.failure.message, outcome.failure.hint].filter(Boolean).join(' — ') : undefined,
		errorClass: outcome.failure?.class,
	};
}
