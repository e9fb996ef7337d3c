import type {OperationResult, QueueEntry} from '../model.js';
import {runGit} from '../git/runner.js';
import type {ServiceContext} from './context.js';

/** Publishes the queue to the snapshot (per-row counts) and the event stream. */
export function publishQueue(context: ServiceContext, entries: QueueEntry[]): void {
	context.bus.emit({type: 'queue-changed', entries});
	context.store.update(snapshot => ({
		...snapshot,
		queue: entries,
		remotes: snapshot.remotes.map(row => {
			const queued = entries.filter(entry => entry.remote === row.name).length;
			return row.queued === queued ? row : {...row, queued};
		}),
	}));
}

/**
 * A push that failed for a network reason is kept for later (offline_queue). If the queue
 * cannot be written, the result still says what happened to the push and why it is not queued.
 */
export async function queueFailedPush(context: ServiceContext, result: OperationResult, sha: string): Promise<OperationResult> {
	if (!context.config.settings.offlineQueue || !context.queue) return result;
	try {
		await context.queue.enqueue({remote: result.remote, branch: result.branch, sha, error: result.error ?? result.errorClass ?? 'network failure'});
		publishQueue(context, await context.queue.list());
		return {...result, status: 'queued', message: 'queued: delivered by --process-queue (key r) or when the remote is reachable again'};
	} catch (error) {
		return {...result, error: `${result.error ?? 'push failed'}; also could not queue it: ${error instanceof Error ? error.message : String(error)}`};
	}
}

/** After a successful push, an entry for the same ref whose sha the remote now has is done. */
export async function forgetDeliveredEntry(context: ServiceContext, remote: string, branch: string, pushedSha: string): Promise<void> {
	if (!context.queue) return;
	const entries = await context.queue.list();
	const entry = entries.find(candidate => candidate.remote === remote && candidate.branch === branch);
	if (!entry) return;
	const contained = entry.sha === pushedSha || (await runGit({args: ['merge-base', '--is-ancestor', entry.sha, pushedSha], cwd: context.cwd})).exitCode === 0;
	if (!contained) return;
	await context.queue.remove([{remote, branch}]);
	publishQueue(context, await context.queue.list());
}
