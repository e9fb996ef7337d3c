import {existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {QueueLockTimeoutError, QueueReadError, QueueWriteError} from '../../../source/core/queue/errors.js';
import {QueueStore} from '../../../source/core/queue/queue-store.js';
import {makeRepo} from '../../harness/index.js';
import {isolateProductGit, readQueueJson, shaA} from './helpers.js';

isolateProductGit();

const queueDir = (repo: string) => path.join(repo, '.git', 'remote-sync');
const queueFile = (repo: string) => path.join(queueDir(repo), 'queue.json');
const aside = (repo: string) => readdirSync(queueDir(repo)).filter(name => name.startsWith('queue.json.corrupt-'));

function writeQueue(repo: string, text: string): void {
	mkdirSync(queueDir(repo), {recursive: true});
	writeFileSync(queueFile(repo), text);
}

const good = {remote: 'origin', branch: 'main', sha: shaA, attempts: 2, lastError: 'x', queuedAt: '2024-01-01T00:00:00.000Z', lastAttemptAt: '2024-01-01T00:00:00.000Z'};

describe('offline queue: a corrupt file is kept aside, never silently emptied', () => {
	it('sets invalid JSON aside as queue.json.corrupt-<time> and says where it went', async () => {
		const repo = makeRepo();
		writeQueue(repo, '{"version": 1, "entries": [');
		const store = await QueueStore.open(repo);
		const [kept] = aside(repo);
		expect(kept).toMatch(/^queue\.json\.corrupt-\d{4}-/);
		expect(readFileSync(path.join(queueDir(repo), kept!), 'utf8')).toBe('{"version": 1, "entries": [');
		expect(store.warnings).toHaveLength(1);
		expect(store.warnings[0]).toContain(queueFile(repo));
		expect(store.warnings[0]).toContain(path.join(queueDir(repo), kept!));
		expect(store.warnings[0]).toMatch(/invalid JSON/);
		expect(await store.list()).toEqual([]);
		await store.enqueue({remote: 'origin', branch: 'main', sha: shaA, error: 'e'});
		expect(readQueueJson(store.path).entries).toHaveLength(1);
	});

	it('keeps the readable entries of a file with malformed ones, and the whole file aside', async () => {
		const repo = makeRepo();
		const text = JSON.stringify({version: 1, entries: [good, {remote: 'broken'}, {...good, remote: 'x', sha: '--upload-pack=evil'}]});
		writeQueue(repo, text);
		const store = await QueueStore.open(repo);
		expect(await store.list()).toEqual([good]);
		expect(aside(repo)).toHaveLength(1);
		expect(readFileSync(path.join(queueDir(repo), aside(repo)[0]!), 'utf8')).toBe(text);
		expect(store.warnings[0]).toMatch(/2 malformed entries.*kept aside.*1 readable entry stays queued/);
	});

	it('treats a file of the wrong shape as corrupt', async () => {
		const repo = makeRepo();
		writeQueue(repo, '[1, 2, 3]');
		const store = await QueueStore.open(repo);
		expect(await store.list()).toEqual([]);
		expect(aside(repo)).toHaveLength(1);
		expect(existsSync(queueFile(repo))).toBe(false);
	});

	it('refuses, untouched, a queue written by a newer version', async () => {
		const repo = makeRepo();
		writeQueue(repo, '{"version": 3, "entries": []}');
		const error = await QueueStore.open(repo).catch((error: unknown) => error);
		expect(error).toBeInstanceOf(QueueReadError);
		expect((error as Error).message).toMatch(/newer remote-sync-tui.*upgrade/);
		expect(readFileSync(queueFile(repo), 'utf8')).toBe('{"version": 3, "entries": []}');
	});
});

describe('offline queue: the lock', () => {
	it('recovers a stale lock left by a dead process', async () => {
		const repo = makeRepo();
		const lock = `${queueFile(repo)}.lock`;
		mkdirSync(lock, {recursive: true});
		const old = new Date(Date.now() - 60_000);
		utimesSync(lock, old, old);
		const store = await QueueStore.open(repo, {waitMs: 5000});
		await store.enqueue({remote: 'origin', branch: 'main', sha: shaA, error: 'e'});
		expect(readQueueJson(store.path).entries).toHaveLength(1);
		expect(existsSync(lock)).toBe(false);
	});

	it('gives up on a live lock after the wait, with a clear error naming the lock', async () => {
		const repo = makeRepo();
		const lock = `${queueFile(repo)}.lock`;
		mkdirSync(lock, {recursive: true});
		const store = await QueueStore.open(repo, {waitMs: 300});
		const error = await store.enqueue({remote: 'origin', branch: 'main', sha: shaA, error: 'e'}).catch((error: unknown) => error);
		expect(error).toBeInstanceOf(QueueLockTimeoutError);
		expect(error).toBeInstanceOf(QueueWriteError);
		expect((error as Error).message).toContain(`remove ${lock}`);
		expect(existsSync(lock)).toBe(true);
	});
});

describe('offline queue: a queue that cannot be written', () => {
	// Tests run as root, and chmod 0555 does not stop root. A regular FILE where the
	// remote-sync directory belongs fails for everyone (EEXIST/ENOTDIR), like a read-only
	// mount would: it exercises the same path, from mkdir to the error the user sees.
	it('reports QueueWriteError naming the path and what to do', async () => {
		const repo = makeRepo();
		writeFileSync(queueDir(repo), 'not a directory');
		const store = await QueueStore.open(repo);
		expect(await store.list()).toEqual([]);
		const error = await store.enqueue({remote: 'origin', branch: 'main', sha: shaA, error: 'e'}).catch((error: unknown) => error);
		expect(error).toBeInstanceOf(QueueWriteError);
		expect((error as QueueWriteError).path).toBe(queueDir(repo));
		expect((error as Error).message).toContain(queueDir(repo));
		expect((error as Error).message).toMatch(/offline_queue/);
	});

	// sysfs refuses new files to root as well (EPERM, or EROFS where it is mounted read-only):
	// a real "you may not write here" from the kernel, for the lock and the file alike.
	it.skipIf(!existsSync('/sys/kernel'))('reports QueueWriteError when the directory refuses new files, even to root', async () => {
		const repo = makeRepo();
		symlinkSync('/sys/kernel', queueDir(repo));
		const store = await QueueStore.open(repo);
		const error = await store.enqueue({remote: 'origin', branch: 'main', sha: shaA, error: 'e'}).catch((error: unknown) => error);
		expect(error).toBeInstanceOf(QueueWriteError);
		expect((error as QueueWriteError).code).toMatch(/^(EPERM|EROFS|EACCES)$/);
		expect((error as Error).message).toContain(path.join(queueDir(repo), 'queue.json.lock'));
		expect((error as Error).message).toMatch(/not permitted|read-only|permission denied/);
	});
});
