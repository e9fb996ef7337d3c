import type {OperationReport, OperationResult, QueueEntry} from '../model.js';
import {pushOne} from '../push/push-one.js';
import {processQueue} from '../queue/process-queue.js';
import {withOperation} from './activity.js';
import {commandLogger} from './command-log.js';
import {findRemote, type ServiceContext} from './context.js';
import {publishQueue} from './queue-bridge.js';
import {summarize} from './summary.js';
import {withVpn} from './with-vpn.js';

export type QueueFilter = {remotes?: readonly string[]; branch?: string};

function matches(entry: QueueEntry, filter: QueueFilter): boolean {
	if (filter.remotes && filter.remotes.length > 0 && !filter.remotes.includes(entry.remote)) return false;
	return !filter.branch || entry.branch === filter.branch;
}

/** Retry queued pushes (all, or those matching the filter). Dry-run changes nothing. */
export async function retryQueue(context: ServiceContext, filter: QueueFilter = {}): Promise<OperationReport> {
	if (!context.queue) return {results: [], summary: summarize([])};
	const entries = (await context.queue.list()).filter(entry => matches(entry, filter));
	if (entries.length === 0) return {results: [], summary: summarize([]), notes: ['the queue is empty']};

	const report = await processQueue({
		cwd: context.cwd,
		store: context.queue,
		entries,
		dryRun: context.dryRun(),
		push: async (entry, sha) => pushQueued(context, entry, sha),
	});
	publishQueue(context, await context.queue.list());
	return report;
}

async function pushQueued(context: ServiceContext, entry: QueueEntry, sha: string): Promise<OperationResult> {
	const remote = findRemote(context, entry.remote);
	if (!remote) {
		return {
			remote: entry.remote,
			branch: entry.branch,
			status: 'failed',
			durationMs: 0,
			attempts: 0,
			error: `remote ${entry.remote} is no longer configured; add it back or clear the entry with --clear-queue --remote ${entry.remote}`,
			errorClass: 'not-found',
		};
	}

	if (remote.untrusted !== undefined) {
		// The entry stays: trusting the file later delivers it.
		return {remote: remote.name, branch: entry.branch, status: 'skipped', durationMs: 0, attempts: 0, sha, message: remote.untrusted};
	}

	return withOperation(context, 'process-queue', remote.name, entry.branch, async operation => {
		const started = Date.now();
		const result = await withVpn(
			context,
			remote,
			async () =>
				pushOne({
					cwd: context.cwd,
					remote,
					branch: entry.branch,
					localSha: sha,
					force: false,
					dryRun: context.dryRun(),
					retryBaseDelaySeconds: context.config.settings.retryBaseDelaySeconds,
					retryMaxDelaySeconds: context.config.settings.retryMaxDelaySeconds,
					signal: context.signal,
					onProgress: progress => operation.progress(progress),
					onCommand: commandLogger(context, operation.id, remote.name),
				}),
			(reason): OperationResult => ({remote: remote.name, branch: entry.branch, status: 'failed', durationMs: Date.now() - started, attempts: 0, error: reason, errorClass: 'vpn-down'}),
		);
		operation.finish(result);
		return remote.vpn ? {...result, vpn: remote.vpn.name} : result;
	});
}
