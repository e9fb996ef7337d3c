import type {QueueEntry} from '../model.js';

/**
 * One queue entry per (remote, local branch, its name on the remote): the ref a retry would
 * update, and from which branch. An entry queued under another branch_map stays its own entry
 * (queue-operation.ts then refuses to deliver it anywhere the map no longer says).
 */
export type QueueKey = {remote: string; branch: string; remoteBranch?: string};

/** The name on the remote an entry delivers to: files from before branch_map name none. */
export const deliversTo = (key: QueueKey): string => key.remoteBranch ?? key.branch;

export const sameKey = (a: QueueKey, b: QueueKey): boolean => a.remote === b.remote && a.branch === b.branch && deliversTo(a) === deliversTo(b);

const time = (iso: string) => Date.parse(iso);

/**
 * Fold a new failure into an existing entry for the same ref: the newest failure's error
 * wins, and its sha unless the caller knows which sha delivers both (`sha`, see
 * QueueStore.enqueue); attempts add up, and the entry keeps the time it was first queued.
 */
export function mergeEntries(existing: QueueEntry, incoming: QueueEntry, sha?: string): QueueEntry {
	const newer = time(incoming.lastAttemptAt) >= time(existing.lastAttemptAt) ? incoming : existing;
	return {
		remote: existing.remote,
		branch: existing.branch,
		...(existing.remoteBranch === undefined ? {} : {remoteBranch: existing.remoteBranch}),
		sha: sha ?? newer.sha,
		attempts: existing.attempts + incoming.attempts,
		lastError: newer.lastError,
		queuedAt: time(incoming.queuedAt) < time(existing.queuedAt) ? incoming.queuedAt : existing.queuedAt,
		lastAttemptAt: newer.lastAttemptAt,
	};
}

/** `entries` with `incoming` added or merged into its ref's entry; also returns that entry. */
export function coalesce(entries: readonly QueueEntry[], incoming: QueueEntry, sha?: string): {entries: QueueEntry[]; entry: QueueEntry} {
	const index = entries.findIndex(entry => sameKey(entry, incoming));
	if (index === -1) return {entries: [...entries, incoming], entry: incoming};
	const merged = mergeEntries(entries[index]!, incoming, sha);
	return {entries: entries.map((entry, i) => (i === index ? merged : entry)), entry: merged};
}

/** Oldest first; ties broken by name so the order is the same in every process. */
export function sortByQueuedAt(entries: readonly QueueEntry[]): QueueEntry[] {
	return [...entries].sort(
		(a, b) =>
			time(a.queuedAt) - time(b.queuedAt) || a.remote.localeCompare(b.remote) || a.branch.localeCompare(b.branch) || deliversTo(a).localeCompare(deliversTo(b)),
	);
}
