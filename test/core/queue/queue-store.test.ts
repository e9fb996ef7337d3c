import {mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {EnvironmentError} from '../../../source/core/errors.js';
import {QueueStore} from '../../../source/core/queue/queue-store.js';
import {git, makeRepo, tempDir} from '../../harness/index.js';
import {isolateProductGit, readQueueJson, shaA, shaB, shaC} from './helpers.js';

isolateProductGit();

const failure = (remote: string, sha: string, at: string, branch = 'main') => ({remote, branch, sha, error: `unreachable ${remote}`, at: new Date(at)});

describe('offline queue: one per repository, inside the git directory', () => {
	it('lives at <git-common-dir>/remote-sync/queue.json', async () => {
		const repo = makeRepo();
		const store = await QueueStore.open(repo);
		expect(store.path).toBe(path.join(repo, '.git', 'remote-sync', 'queue.json'));
	});

	it('is the same queue from a subdirectory and from a git worktree', async () => {
		const repo = makeRepo();
		mkdirSync(path.join(repo, 'deep', 'sub'), {recursive: true});
		const worktree = path.join(tempDir('rst-wt-'), 'wt');
		git(repo, 'worktree', 'add', '-q', '-b', 'feature', worktree);

		const fromRoot = await QueueStore.open(repo);
		await fromRoot.enqueue(failure('origin', shaA, '2024-01-01T00:00:00Z'));
		const fromSub = await QueueStore.open(path.join(repo, 'deep', 'sub'));
		const fromWorktree = await QueueStore.open(worktree);

		expect(fromSub.path).toBe(fromRoot.path);
		expect(fromWorktree.path).toBe(fromRoot.path);
		await fromWorktree.enqueue(failure('backup', shaB, '2024-01-01T00:01:00Z', 'feature'));
		expect((await fromSub.list()).map(entry => entry.remote)).toEqual(['origin', 'backup']);
	});

	it('is never part of the work tree (git status stays clean)', async () => {
		const repo = makeRepo();
		const store = await QueueStore.open(repo);
		await store.enqueue(failure('origin', shaA, '2024-01-01T00:00:00Z'));
		expect(git(repo, 'status', '--porcelain')).toBe('');
	});

	it('refuses a directory outside any repository with a clear message', async () => {
		const outside = tempDir('rst-nogit-');
		await expect(QueueStore.open(outside)).rejects.toThrow(EnvironmentError);
		await expect(QueueStore.open(outside)).rejects.toThrow(/not inside a git repository.*--cwd/);
	});
});

describe('offline queue: entries', () => {
	it('writes {"version": 1, "entries": [...]} with every field of a QueueEntry', async () => {
		const store = await QueueStore.open(makeRepo());
		const entry = await store.enqueue(failure('origin', shaA, '2024-01-01T00:00:00Z'));
		expect(entry).toEqual({
			remote: 'origin',
			branch: 'main',
			sha: shaA,
			attempts: 1,
			lastError: 'unreachable origin',
			queuedAt: '2024-01-01T00:00:00.000Z',
			lastAttemptAt: '2024-01-01T00:00:00.000Z',
		});
		expect(readQueueJson(store.path)).toEqual({version: 1, entries: [entry]});
	});

	it('coalesces failures of one (remote, branch): newest sha and error, attempts summed, first and last time', async () => {
		const store = await QueueStore.open(makeRepo());
		await store.enqueue(failure('origin', shaA, '2024-01-01T00:00:00Z'));
		await store.enqueue({...failure('origin', shaB, '2024-01-01T00:05:00Z'), error: 'timed out', attempts: 4});
		const [entry, ...rest] = await store.list();
		expect(rest).toEqual([]);
		expect(entry).toEqual({
			remote: 'origin',
			branch: 'main',
			sha: shaB,
			attempts: 5,
			lastError: 'timed out',
			queuedAt: '2024-01-01T00:00:00.000Z',
			lastAttemptAt: '2024-01-01T00:05:00.000Z',
		});
	});

	it('keeps the newer sha when an older failure arrives late', async () => {
		const store = await QueueStore.open(makeRepo());
		await store.enqueue(failure('origin', shaB, '2024-01-01T00:05:00Z'));
		const entry = await store.enqueue(failure('origin', shaA, '2024-01-01T00:00:00Z'));
		expect(entry).toMatchObject({sha: shaB, attempts: 2, queuedAt: '2024-01-01T00:00:00.000Z', lastAttemptAt: '2024-01-01T00:05:00.000Z'});
	});

	it('keeps different branches and remotes apart, listed by the time they were queued', async () => {
		const store = await QueueStore.open(makeRepo());
		await store.enqueue(failure('origin', shaA, '2024-01-01T00:03:00Z', 'dev'));
		await store.enqueue(failure('backup', shaB, '2024-01-01T00:01:00Z'));
		await store.enqueue(failure('origin', shaC, '2024-01-01T00:02:00Z'));
		expect((await store.list()).map(entry => `${entry.remote}/${entry.branch}`)).toEqual(['backup/main', 'origin/main', 'origin/dev']);
	});

	it('stores errors with credentials redacted, in the entry and in the file', async () => {
		const store = await QueueStore.open(makeRepo());
		const error = "fatal: unable to access 'https://alice:ghp_SECRET123@github.com/x/y.git/': Could not resolve host; see https://h/?access_token=TOKEN9";
		const entry = await store.enqueue({remote: 'origin', branch: 'main', sha: shaA, error});
		expect(entry.lastError).toContain('https://***@github.com/x/y.git/');
		expect(entry.lastError).not.toMatch(/ghp_SECRET123|alice|TOKEN9/);
		expect(readFileSync(store.path, 'utf8')).not.toMatch(/ghp_SECRET123|alice|TOKEN9/);
	});

	it('clears everything, or only the remotes and branch named', async () => {
		const store = await QueueStore.open(makeRepo());
		const fill = async () => {
			await store.clear();
			await store.enqueue(failure('a', shaA, '2024-01-01T00:00:00Z'));
			await store.enqueue(failure('a', shaA, '2024-01-01T00:01:00Z', 'dev'));
			await store.enqueue(failure('b', shaA, '2024-01-01T00:02:00Z'));
			await store.enqueue(failure('c', shaA, '2024-01-01T00:03:00Z', 'dev'));
		};

		const left = async () => (await store.list()).map(entry => `${entry.remote}/${entry.branch}`);
		await fill();
		expect(await store.clear({remotes: ['a', 'b']})).toBe(3);
		expect(await left()).toEqual(['c/dev']);
		await fill();
		expect(await store.clear({branch: 'dev'})).toBe(2);
		expect(await left()).toEqual(['a/main', 'b/main']);
		await fill();
		expect(await store.clear({remotes: ['a'], branch: 'dev'})).toBe(1);
		expect(await left()).toEqual(['a/main', 'b/main', 'c/dev']);
		await fill();
		expect(await store.clear({remotes: []})).toBe(4);
		expect(await left()).toEqual([]);
	});

	it('leaves the file byte-for-byte untouched when an update changes nothing', async () => {
		const store = await QueueStore.open(makeRepo());
		await store.enqueue(failure('origin', shaA, '2024-01-01T00:00:00Z'));
		const before = readFileSync(store.path);
		const inode = statSync(store.path).ino;
		expect(await store.removeDelivered({remote: 'other', branch: 'main'}, shaA)).toBe(0);
		await store.update(entries => entries);
		expect(readFileSync(store.path).equals(before)).toBe(true);
		expect(statSync(store.path).ino).toBe(inode);
	});

	it('removes temporary files a killed writer left behind', async () => {
		const store = await QueueStore.open(makeRepo());
		await store.enqueue(failure('origin', shaA, '2024-01-01T00:00:00Z'));
		const orphan = `${store.path}.123456789`;
		writeFileSync(orphan, '{"version": 1, "entr');
		await store.enqueue(failure('backup', shaA, '2024-01-01T00:00:00Z'));
		expect(() => statSync(orphan)).toThrow();
	});
});
