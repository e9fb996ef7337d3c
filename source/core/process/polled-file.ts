import {closeSync, fstatSync, openSync, readSync, rmSync} from 'node:fs';

/**
 * A child's stderr as a file we read now and then, instead of a pipe that wakes us on every
 * write. git redraws its progress on every percent, and through a pipe each redraw is a wakeup
 * of our main thread: ~300 per push of a few hundred objects, while four or eight pushes share
 * the machine's cores with git. Read every 100 ms, a push costs ten reads a second. The file is
 * new (O_EXCL), ours alone (0600, in a private directory), and removed when done; we read it at
 * our own offset (pread), so the writers' shared offset is theirs.
 *
 * A file has no back-pressure: a writer that floods it is not held up, as a full pipe would
 * hold it, until the reader (child.ts) sees it past the output bound and the group is ended.
 */
export type PolledFile = {
	/** The descriptor the child writes to. */
	fd: number;
	/** Up to `maxBytes` of what was written since the last read; undefined when nothing was. */
	read(maxBytes: number): Buffer | undefined;
	/** Closes and removes the file. */
	finish(): void;
};

/** Undefined when the file cannot be made (a full or missing directory, a name taken): the caller takes a pipe. */
export function openPolledFile(file: string): PolledFile | undefined {
	let fd: number;
	try {
		fd = openSync(file, 'wx+', 0o600);
	} catch {
		return undefined;
	}

	let offset = 0;
	let open = true;
	return {
		fd,
		read(maxBytes) {
			if (!open) return undefined;
			const length = Math.min(fstatSync(fd).size - offset, maxBytes);
			if (length <= 0) return undefined;
			const chunk = Buffer.allocUnsafe(length);
			const read = readSync(fd, chunk, 0, length, offset);
			offset += read;
			return read === 0 ? undefined : chunk.subarray(0, read);
		},
		finish() {
			if (!open) return;
			open = false;
			closeSync(fd);
			rmSync(file, {force: true});
		},
	};
}
