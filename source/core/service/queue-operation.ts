import {branchNames, notTakenReason, remoteBranchOf} from '../branch-map.js';
import {deliversTo} from '../queue/coalesce.js';
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
		refusal: entry => refusal(context, entry),
		push: async (entry, sha) => pushQueued(context, entry, sha),
	});
	publishQueue(context, await context.queue.list());
	return report;
}

/**
 * A queued push is delivered under the remote's config of now, not the one it was queued
 * under (nor what an imported old queue claims): a remote that was removed or disabled, or no
 * longer takes the branch, gets nothing; nor does one whose branch_map now sends the branch to
 * another name than the entry was queued for (it goes to neither). The entry is kept (nothing
 * is lost; the user drops it, or pushes the branch again).
 */
function refusal(context: ServiceContext, entry: QueueEntry): string | undefined {
	const remote = findRemote(context, entry.remote);
	if (!remote) return `remote ${entry.remote} is not configured here, or is disabled ("enabled": false)`;
	const notTaken = notTakenReason(remote, entry.branch);
	if (notTaken !== undefined) return `${remote.name} no longer takes branch ${entry.branch} (${notTaken})`;
	const now = remoteBranchOf(remote, entry.branch);
	if (now !== deliversTo(entry)) return `it was queued for ${remote.name}'s ${deliversTo(entry)}, but branch_map now sends ${entry.branch} to ${now}`;
	return undefined;
}

async function pushQueued(context: ServiceContext, entry: QueueEntry, sha: string): Promise<OperationResult> {
	const remote = findRemote(context, entry.remote);
	// refusal() let it through: the remote is there.
	if (!remote) throw new Error(`remote ${entry.remote} vanished from the configuration`);

	if (remote.untrusted !== undefined) {
		// The entry stays: trusting the file later delivers it.
		return {...branchNames(remote, entry.branch), status: 'skipped', durationMs: 0, attempts: 0, sha, message: remote.untrusted};
	}

	return withOperation(context, 'process-queue', remote.name, branchNames(remote, entry.branch), async operation => {
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
			(reason): OperationResult => ({...branchNames(remote, entry.branch), status: 'failed', durationMs: Date.now() - started, attempts: 0, error: reason, errorClass: 'vpn-down'}),
		);
		operation.finish(result);
		return remote.vpn ? {...result, vpn: remote.vpn.name} : result;
	});
}
