import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {QueueStore} from '../../../source/core/queue/queue-store.js';
import {git, makeRepo} from '../../harness/index.js';
import {compileStore, type CompiledStore} from './compile-store.js';
import {readQueueJson} from './helpers.js';
import {startWorker} from './workers.js';

let compiled: CompiledStore;
beforeAll(() => {
	compiled = compileStore();
});
afterAll(() => compiled?.dispose());

// The default 10 s lock wait is ample on an idle machine; a loaded CI runner gets slack,
// since these tests are about lost entries, not about speed.
const waitMs = 30_000;
// Twenty node processes starting at once on two busy cores can take a while to be ready.
const startup = 90_000;
const slow = 120_000;

const onDisk = (file: string) => readQueueJson(file).entries;

describe('offline queue: concurrent processes', () => {
	it('loses no entry when 20 processes enqueue distinct refs at once', async () => {
		const repo = makeRepo();
		const sha = git(repo, 'rev-parse', 'HEAD');
		const goFile = path.join(repo, 'go');
		const remotes = Array.from({length: 20}, (_, i) => `remote-${i}`);
		const workers = remotes.map(remote => startWorker(compiled.storeUrl, {cwd: repo, sha, remotes: [remote], goFile, waitMs}));
		await Promise.all(workers.map(async worker => worker.until(lines => lines.includes('ready'), startup)));
		writeFileSync(goFile, '');
		const exits = await Promise.all(workers.map(async worker => worker.exited));
		expect(exits.map(exit => exit.stderr).join('')).toBe('');
		expect(exits.every(exit => exit.code === 0)).toBe(true);

		const store = await QueueStore.open(repo);
		expect((await store.list()).map(entry => entry.remote).sort()).toEqual([...remotes].sort());
	}, slow);

	it('coalesces 20 processes failing on the same ref into one entry with 20 attempts', async () => {
		const repo = makeRepo();
		const sha = git(repo, 'rev-parse', 'HEAD');
		const goFile = path.join(repo, 'go');
		const workers = Array.from({length: 20}, () => startWorker(compiled.storeUrl, {cwd: repo, sha, remotes: ['origin'], goFile, waitMs}));
		await Promise.all(workers.map(async worker => worker.until(lines => lines.includes('ready'), startup)));
		writeFileSync(goFile, '');
		const exits = await Promise.all(workers.map(async worker => worker.exited));
		expect(exits.every(exit => exit.code === 0)).toBe(true);

		const entries = await (await QueueStore.open(repo)).list();
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({remote: 'origin', branch: 'main', sha, attempts: 20});
	}, slow);
});

describe('offline queue: crash safety', () => {
	it('keeps every acknowledged entry readable when a writer is killed with SIGKILL mid-write', async () => {
		const repo = makeRepo();
		const sha = git(repo, 'rev-parse', 'HEAD');
		const acknowledged: string[] = [];
		let file = '';
		for (let round = 0; round < 3; round++) {
			// staleMs 2000 (proper-lockfile's minimum): a lock left by the killed writer is
			// taken over by the next round's writer in seconds, not in the default ten.
			const worker = startWorker(compiled.storeUrl, {cwd: repo, sha, prefix: `round${round}`, staleMs: 2000});
			const killAfter = 1 + Math.floor(Math.random() * 8);
			await worker.until(() => worker.acked().length >= killAfter);
			// The worker is already inside its next enqueue: somewhere between lock, write and rename.
			worker.child.kill('SIGKILL');
			const exit = await worker.exited;
			expect(exit.signal).toBe('SIGKILL');
			acknowledged.push(...worker.acked());

			const store = await QueueStore.open(repo, {staleMs: 2000});
			file = store.path;
			const remotes = (await store.list()).map(entry => entry.remote);
			expect(remotes).toEqual(expect.arrayContaining(acknowledged));
			expect(onDisk(file).map(entry => entry.remote)).toEqual(expect.arrayContaining(acknowledged));
			expect(store.warnings).toEqual([]);
		}

		// And the queue is still writable after the last crash (its lock is recovered).
		const store = await QueueStore.open(repo, {staleMs: 2000});
		await store.enqueue({remote: 'after-crash', branch: 'main', sha, error: 'x'});
		expect(onDisk(file).map(entry => entry.remote)).toEqual(expect.arrayContaining([...acknowledged, 'after-crash']));
	}, slow);
});
