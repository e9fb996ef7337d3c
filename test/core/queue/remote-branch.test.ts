import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {QueueStore} from '../../../source/core/queue/queue-store.js';
import {makeRepo} from '../../harness/index.js';
import {isolateProductGit, readQueueJson, shaA, shaB} from './helpers.js';

isolateProductGit();

/** Queue entries of a branch_map'd push: the name they deliver to is part of the entry, its key and its file format. */

const at = '2024-01-01T00:00:00Z';

describe('offline queue: remoteBranch (branch_map)', () => {
	it('an entry for main → master is written as format 2, with remoteBranch', async () => {
		const store = await QueueStore.open(makeRepo());
		const entry = await store.enqueue({remote: 'legacy', branch: 'main', remoteBranch: 'master', sha: shaA, error: 'unreachable', at: new Date(at)});
		expect(entry).toMatchObject({remote: 'legacy', branch: 'main', remoteBranch: 'master'});
		expect(readQueueJson(store.path)).toEqual({version: 2, entries: [entry]});
	});

	it('a file without such an entry stays format 1, readable by versions from before branch_map', async () => {
		const store = await QueueStore.open(makeRepo());
		await store.enqueue({remote: 'legacy', branch: 'main', remoteBranch: 'master', sha: shaA, error: 'x', at: new Date(at)});
		await store.clear();
		await store.enqueue({remote: 'origin', branch: 'main', remoteBranch: 'main', sha: shaA, error: 'x', at: new Date(at)});
		const file = readQueueJson(store.path);
		expect(file.version).toBe(1);
		expect(file.entries[0]).not.toHaveProperty('remoteBranch');
	});

	it('reads format 1 files (no remoteBranch: the local name) and format 2 files', async () => {
		const repo = makeRepo();
		const dir = path.join(repo, '.git', 'remote-sync');
		mkdirSync(dir, {recursive: true});
		const base = {remote: 'legacy', branch: 'main', sha: shaA, attempts: 1, lastError: 'x', queuedAt: '2024-01-01T00:00:00.000Z', lastAttemptAt: '2024-01-01T00:00:00.000Z'};
		writeFileSync(path.join(dir, 'queue.json'), JSON.stringify({version: 1, entries: [base]}));
		expect(await (await QueueStore.open(repo)).list()).toEqual([base]);
		writeFileSync(path.join(dir, 'queue.json'), JSON.stringify({version: 2, entries: [{...base, remoteBranch: 'master'}]}));
		const store = await QueueStore.open(repo);
		expect(await store.list()).toEqual([{...base, remoteBranch: 'master'}]);
		expect(store.warnings).toEqual([]);
	});

	it('a remoteBranch that is no branch name makes the entry malformed (set aside, never pushed)', async () => {
		const repo = makeRepo();
		const dir = path.join(repo, '.git', 'remote-sync');
		mkdirSync(dir, {recursive: true});
		const base = {remote: 'legacy', branch: 'main', sha: shaA, attempts: 1, lastError: 'x', queuedAt: '2024-01-01T00:00:00.000Z', lastAttemptAt: '2024-01-01T00:00:00.000Z'};
		writeFileSync(path.join(dir, 'queue.json'), JSON.stringify({version: 2, entries: [{...base, remoteBranch: 'master:refs/heads/evil'}]}));
		const store = await QueueStore.open(repo);
		expect(await store.list()).toEqual([]);
		expect(store.warnings.join('\n')).toMatch(/1 malformed entry/);
	});

	it('entries for one local branch with different targets stay apart; delivery removes only its own', async () => {
		const store = await QueueStore.open(makeRepo());
		await store.enqueue({remote: 'legacy', branch: 'main', remoteBranch: 'master', sha: shaA, error: 'x', at: new Date(at)});
		await store.enqueue({remote: 'legacy', branch: 'main', sha: shaB, error: 'y', at: new Date(at)});
		expect((await store.list()).map(entry => [entry.remoteBranch ?? entry.branch, entry.sha])).toEqual([
			['main', shaB],
			['master', shaA],
		]);
		expect(await store.removeDelivered({remote: 'legacy', branch: 'main', remoteBranch: 'master'}, shaA)).toBe(1);
		expect((await store.list()).map(entry => entry.sha)).toEqual([shaB]);
	});
});
