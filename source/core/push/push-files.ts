import {rmdirSync, rmSync} from 'node:fs';
import {mkdtemp} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * The files a push's git writes for us: its trace2 event stream (local-hook.ts) and its stderr
 * (run-push.ts, read as a file: process/polled-file.ts). All in one private directory
 * (mkdtemp: 0700) for the whole run, made at the first push and removed at exit; each push's
 * files go when its push ends. One directory per push cost a directory made before, and a
 * recursive removal after, every push.
 */

let runDirectory: Promise<string> | undefined;
let files = 0;

async function pushDirectory(): Promise<string> {
	runDirectory ??= mkdtemp(path.join(os.tmpdir(), 'remote-sync-push-')).then(
		dir => {
			process.once('exit', () => removeDirectory(dir));
			return dir;
		},
		(error: unknown) => {
			// A full or missing temp dir: this push fails, the next one tries again.
			runDirectory = undefined;
			throw error;
		},
	);
	return runDirectory;
}

/** Empty by then (each push took its files): one rmdir, unless a hook that outlived its push wrote more. */
function removeDirectory(dir: string): void {
	try {
		rmdirSync(dir);
	} catch {
		try {
			rmSync(dir, {recursive: true, force: true});
		} catch {
			// Exiting anyway: a directory that cannot go is left in the temp dir, not a stack trace.
		}
	}
}

/** A path no file has yet, in the run's private directory; whoever makes the file removes it. */
export async function pushFile(kind: 'trace2' | 'stderr'): Promise<string> {
	return path.join(await pushDirectory(), `${kind}-${++files}`);
}
