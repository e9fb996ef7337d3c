import {rmdirSync, rmSync} from 'node:fs';
import {mkdtemp} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * The files a push's git writes for us: its trace2 event stream (local-hook.ts) and its stderr
 * (run-push.ts, read as a file: process/polled-file.ts). All in one private directory
 * (mkdtemp: 0700) for the pushes that run at the same time: made when a push starts and none
 * runs, removed when the last one is done (and at exit, when one still runs then). Each push's
 * files go when its push ends. One directory per push cost a directory made before, and a
 * recursive removal after, every push; one kept until exit stayed behind wherever a process
 * ends without exit handlers (a test runner's worker, a kill).
 */

export type PushFiles = {
	/** Paths no file has yet; whoever makes a file removes it. */
	trace2: string;
	stderr: string;
	/** The push is done with them; the last push to let go removes the directory. */
	release(): void;
};

let directory: Promise<string> | undefined;
let made: string | undefined;
let holders = 0;
let files = 0;
let exitHandler = false;

function makeDirectory(): Promise<string> {
	return mkdtemp(path.join(os.tmpdir(), 'remote-sync-push-')).then(
		dir => {
			made = dir;
			if (!exitHandler) {
				exitHandler = true;
				process.once('exit', () => {
					if (made) removeDirectory(made);
				});
			}

			return dir;
		},
		(error: unknown) => {
			// A full or missing temp dir: this push fails, the next one tries again.
			directory = undefined;
			const reason = error instanceof Error ? error.message : String(error);
			throw new Error(`cannot make a private directory for the push's files in ${os.tmpdir()} (${reason}): free space there, or point TMPDIR at a directory you can write`);
		},
	);
}

/** Empty by then (each push took its files): one rmdir, unless a hook that outlived its push wrote more. */
function removeDirectory(dir: string): void {
	try {
		rmdirSync(dir);
	} catch {
		try {
			rmSync(dir, {recursive: true, force: true});
		} catch {
			// A directory that cannot go is left in the temp dir, not a stack trace.
		}
	}
}

export async function holdPushFiles(): Promise<PushFiles> {
	// Counted before the wait: a push that lets go meanwhile must not remove what this one gets.
	holders++;
	let dir: string;
	try {
		dir = await (directory ??= makeDirectory());
	} catch (error) {
		holders--;
		throw error;
	}

	const number = ++files;
	let held = true;
	return {
		trace2: path.join(dir, `trace2-${number}`),
		stderr: path.join(dir, `stderr-${number}`),
		release() {
			if (!held) return;
			held = false;
			if (--holders > 0) return;
			directory = undefined;
			made = undefined;
			removeDirectory(dir);
		},
	};
}
