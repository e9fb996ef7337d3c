/**
 * How the queue's cross-process lock (lock.ts) waits. Apart from lock.ts so that a run that
 * only reads the queue (status, a push with nothing queued) never loads proper-lockfile and
 * graceful-fs, which patches every fs function when loaded.
 */
export type LockTiming = {
	/** A lock whose mtime is older than this belongs to a dead process and is taken over. */
	staleMs: number;
	/** How long to wait for a live lock before giving up with a clear error. */
	waitMs: number;
};

export const defaultLockTiming: LockTiming = {staleMs: 10_000, waitMs: 10_000};
