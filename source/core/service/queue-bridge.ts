import type {OperationResult, QueueEntry} from '../model.js';
import {sameKey} from '../queue/coalesce.js';
import {QueueError} from '../queue/errors.js';
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
		// The attempts this push really made (retries included; none when its VPN never came up).
		await context.queue.enqueue({
			remote: result.remote,
			branch: result.branch,
			// Where the push was going: the retry delivers there, or nowhere (queue-operation.ts).
			...(result.remoteBranch === undefined ? {} : {remoteBranch: result.remoteBranch}),
			sha,
			attempts: result.attempts,
			error: result.error ?? result.errorClass ?? 'network failure',
		});
		publishQueue(context, await context.queue.list());
		return {...result, status: 'queued', message: 'queued: delivered by --process-queue (key r) or when the remote is reachable again'};
	} catch (error) {
		return {...result, error: `${result.error ?? 'push failed'}; also could not queue it: ${error instanceof Error ? error.message : String(error)}`};
	}
}

/**
 * After a push delivered `pushedSha` to (remote, branch): its queue entry is done if it holds
 * that sha or one in its history (QueueStore.removeDelivered decides under the lock). The
 * push landed whatever the queue does: a queue that cannot be written adds a warning to the
 * result, never turns it into a failure.
 */
export async function forgetDeliveredEntry(context: ServiceContext, result: OperationResult, pushedSha: string): Promise<OperationResult> {
	if (!context.queue) return result;
	try {
		// Nothing queued for the ref (the usual case): no lock, no write. One queued after this
		// read holds a sha another push failed to deliver, so keeping it is right either way.
		const key = {remote: result.remote, branch: result.branch, remoteBranch: result.remoteBranch};
		if (!(await context.queue.list()).some(entry => sameKey(entry, key))) return result;
		const removed = await context.queue.removeDelivered(key, pushedSha);
		if (removed > 0) publishQueue(context, await context.queue.list());
		return result;
	} catch (error) {
		if (!(error instanceof QueueError)) throw error;
		const warning = `${result.remote}/${result.branch} was pushed, but its queue entry could not be removed: ${error.message}`;
		context.bus.emit({type: 'warning', message: warning});
		context.store.log({level: 'warn', text: warning});
		return {...result, message: `${result.message ?? result.status}; warning: ${warning}`};
	}
}
