import {exitCodes, FatalError} from '../errors.js';

/**
 * Everything that can go wrong with the offline queue file. The push that tried to queue
 * still reports its own result; these say why the queue could not follow (SPEC §4).
 */
export class QueueError extends FatalError {
	/** The queue file (or the legacy file) concerned. */
	readonly path: string;
	/** The errno code behind it (EACCES, EROFS, ENOSPC, ELOCKED...), when there is one. */
	readonly code?: string;
	constructor(message: string, path: string, code?: string) {
		super(message, exitCodes.failed);
		this.path = path;
		this.code = code;
	}
}

/** The queue could not be written: read-only or full disk, a path that is not a directory. */
export class QueueWriteError extends QueueError {}

/** Another process held the queue lock for longer than we wait. */
export class QueueLockTimeoutError extends QueueWriteError {}

/** The queue exists but cannot be used as it is (unreadable, written by a newer version). */
export class QueueReadError extends QueueError {}

const causes: Record<string, string> = {
	EACCES: 'permission denied',
	EPERM: 'operation not permitted',
	EROFS: 'read-only file system',
	ENOSPC: 'no space left on device',
	EDQUOT: 'disk quota exceeded',
	ENOTDIR: 'a part of the path is a file, not a directory',
	EEXIST: 'a file is in the way of the directory',
	EISDIR: 'a directory is in the way of the file',
};

export function errnoCode(error: unknown): string | undefined {
	const code = (error as {code?: unknown} | null)?.code;
	return typeof code === 'string' ? code : undefined;
}

/** A few words on an errno failure, for a person. */
export function describeErrno(error: unknown): string {
	const code = errnoCode(error);
	return (code && causes[code]) ?? (error instanceof Error ? error.message : String(error));
}

/** Wrap a filesystem failure on `target` in an error that names the path and the next step. */
export function toQueueWriteError(error: unknown, target: string): QueueError {
	if (error instanceof QueueError) return error;
	const code = errnoCode(error);
	const cause = describeErrno(error);
	const remedy =
		code === 'ENOSPC' || code === 'EDQUOT'
			? 'free some disk space'
			: code === 'ENOTDIR' || code === 'EEXIST' || code === 'EISDIR'
				? 'move the file that is in the way'
				: 'make that directory writable';
	return new QueueWriteError(
		`cannot write the offline queue at ${target} (${cause}): ${remedy}, or set "offline_queue": false to push without queueing`,
		target,
		code,
	);
}
