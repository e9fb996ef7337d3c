import {mkdir} from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import {errnoCode, QueueLockTimeoutError, toQueueWriteError} from './errors.js';

import type {LockTiming} from './lock-timing.js';

const sleep = async (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Run `critical` holding the cross-process lock on `file` (a `<file>.lock` directory, as
 * proper-lockfile makes it). proper-lockfile keeps a held lock's mtime fresh and treats an
 * old one as stale, so a writer killed with SIGKILL blocks others for at most `staleMs`.
 * We retry with jittered exponential backoff against a deadline ourselves: the wait is then
 * bounded in time, not in attempts, however many processes contend.
 */
export async function withQueueLock<T>(file: string, timing: LockTiming, critical: () => Promise<T>): Promise<T> {
	try {
		await mkdir(path.dirname(file), {recursive: true});
	} catch (error) {
		throw toQueueWriteError(error, path.dirname(file));
	}

	const release = await acquire(file, timing);
	try {
		return await critical();
	} finally {
		try {
			await release();
		} catch {
			// Already released or taken over as stale: nothing left to undo.
		}
	}
}

async function acquire(file: string, timing: LockTiming): Promise<() => Promise<void>> {
	const deadline = Date.now() + timing.waitMs;
	let delay = 5;
	for (;;) {
		try {
			return await lockfile.lock(file, {
				stale: timing.staleMs,
				retries: 0,
				// The queue file may not exist yet: lock its path as given.
				realpath: false,
				// The default throws from a timer and would crash the process; our critical
				// sections are short, and the data write itself is atomic either way.
				onCompromised() {},
			});
		} catch (error) {
			if (errnoCode(error) !== 'ELOCKED') throw toQueueWriteError(error, `${file}.lock`);
			if (Date.now() >= deadline) {
				throw new QueueLockTimeoutError(
					`the offline queue ${file} stayed locked by another remote-sync process for ${Math.round(timing.waitMs / 1000)} s: ` +
						`wait for it to finish and try again (if none is running, remove ${file}.lock)`,
					file,
					'ELOCKED',
				);
			}

			await sleep(Math.min(delay * (0.5 + Math.random()), Math.max(0, deadline - Date.now())));
			delay = Math.min(delay * 1.6, 250);
		}
	}
}
