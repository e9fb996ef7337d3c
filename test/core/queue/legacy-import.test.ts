import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {QueueStore} from '../../../source/core/queue/queue-store.js';
import {commit, makeRepo} from '../../harness/index.js';
import {isolateProductGit, shaA, shaB} from './helpers.js';

isolateProductGit();

const legacyName = '.remote-sync-queue.json';

describe("offline queue: the old tool's .remote-sync-queue.json", () => {
	it('is never imported or renamed just by opening the queue: a warning names the file and the flag that imports it', async () => {
		const repo = makeRepo();
		const legacy = path.join(repo, legacyName);
		const text = JSON.stringify([{remote: 'origin', branch: 'main', sha: shaA}]);
		writeFileSync(legacy, text);
		const store = await QueueStore.open(repo);
		expect(await store.list()).toEqual([]);
		expect(store.openedWith).toEqual([]);
		expect(readFileSync(legacy, 'utf8')).toBe(text);
		expect(existsSync(`${legacy}.imported`)).toBe(false);
		expect(store.warnings).toEqual([expect.stringContaining(legacy)]);
		expect(store.warnings[0]).toContain('remote-sync --import-legacy-queue');
		expect(store.warnings[0]).toContain('not imported');
	});

	it('an old queue that is a FIFO is an error naming it, never a hang', async () => {
		const repo = makeRepo();
		execFileSync('mkfifo', [path.join(repo, legacyName)]);
		const store = await QueueStore.open(repo);
		await expect(store.importLegacy()).rejects.toThrow(/\.remote-sync-queue\.json is a named pipe \(FIFO\), not a regular file: move it away/);
	});

	it('imports a JSON array of entries once, then renames the file (never deletes it)', async () => {
		const repo = makeRepo();
		const legacy = path.join(repo, legacyName);
		const text = JSON.stringify([
			{remote_name: 'github', branch: 'main', commit: shaA, retry_count: 3, last_error: 'Could not resolve host', timestamp: 1_700_000_000},
			{remote: 'backup', branch: 'refs/heads/dev', sha: shaB, attempts: 1, error: 'fatal: https://bob:tok3n@h/x', queued_at: '2024-02-03T04:05:06Z'},
			{branch: 'main', sha: shaA},
			{remote: 'gitlab'},
			'garbage',
		]);
		writeFileSync(legacy, text);

		const store = await QueueStore.open(repo);
		const report = await store.importLegacy();
		expect(await store.list()).toEqual([
			{
				remote: 'github',
				branch: 'main',
				sha: shaA,
				attempts: 3,
				lastError: 'Could not resolve host',
				queuedAt: '2023-11-14T22:13:20.000Z',
				lastAttemptAt: '2023-11-14T22:13:20.000Z',
			},
			{
				remote: 'backup',
				branch: 'dev',
				sha: shaB,
				attempts: 1,
				lastError: 'fatal: https://***@h/x',
				queuedAt: '2024-02-03T04:05:06.000Z',
				lastAttemptAt: '2024-02-03T04:05:06.000Z',
			},
		]);
		expect(existsSync(legacy)).toBe(false);
		expect(readFileSync(`${legacy}.imported`, 'utf8')).toBe(text);
		expect(report).toEqual({from: legacy, renamedTo: `${legacy}.imported`, imported: 2, skipped: 3});
		expect(store.warnings.at(-1)).toMatch(/imported 2 entries .*skipped 3.*renamed to .*\.remote-sync-queue\.json\.imported/);

		// Once: importing again imports nothing, and attempts do not double.
		const again = await QueueStore.open(repo);
		expect(await again.importLegacy()).toBeUndefined();
		expect(again.warnings).toEqual([]);
		expect((await again.list()).map(entry => entry.attempts)).toEqual([3, 1]);
	});

	it('reads {"queue": [...]} and uses the branch tip for an entry without a sha', async () => {
		const repo = makeRepo();
		const tip = commit(repo, 'second');
		writeFileSync(
			path.join(repo, legacyName),
			JSON.stringify({queue: [{remote: 'origin', branch: 'main', timestamp: '1700000000'}, {remote: 'origin', branch: 'no-such-branch'}]}),
		);
		const store = await QueueStore.open(repo);
		const report = await store.importLegacy();
		const [entry, ...rest] = await store.list();
		expect(rest).toEqual([]);
		expect(entry).toMatchObject({remote: 'origin', branch: 'main', sha: tip, attempts: 1, queuedAt: '2023-11-14T22:13:20.000Z'});
		expect(report).toMatchObject({imported: 1, skipped: 1});
	});

	it('reads {"entries": [...]} and coalesces with what is already queued', async () => {
		const repo = makeRepo();
		const first = await QueueStore.open(repo);
		await first.enqueue({remote: 'origin', branch: 'main', sha: shaB, error: 'new', at: new Date('2024-05-01T00:00:00Z')});
		writeFileSync(path.join(repo, legacyName), JSON.stringify({entries: [{remote: 'origin', branch: 'main', sha: shaA, attempts: 2, timestamp: '2024-01-01T00:00:00Z'}]}));
		const store = await QueueStore.open(repo);
		await store.importLegacy();
		expect(await store.list()).toEqual([
			{remote: 'origin', branch: 'main', sha: shaB, attempts: 3, lastError: 'new', queuedAt: '2024-01-01T00:00:00.000Z', lastAttemptAt: '2024-05-01T00:00:00.000Z'},
		]);
	});

	it('is looked for at the work tree root, also when opened from a subdirectory', async () => {
		const repo = makeRepo();
		const sub = path.join(repo, 'src');
		writeFileSync(path.join(repo, legacyName), JSON.stringify([{remote: 'origin', branch: 'main', sha: shaA}]));
		mkdirSync(sub);
		const store = await QueueStore.open(sub);
		await store.importLegacy();
		expect((await store.list()).map(entry => entry.remote)).toEqual(['origin']);
		expect(existsSync(path.join(repo, `${legacyName}.imported`))).toBe(true);
	});

	it('keeps an unreadable old file aside and says so, importing nothing', async () => {
		const repo = makeRepo();
		writeFileSync(path.join(repo, legacyName), '{"queue": [oops');
		const store = await QueueStore.open(repo);
		const report = await store.importLegacy();
		expect(await store.list()).toEqual([]);
		expect(report?.renamedTo).toMatch(/\.remote-sync-queue\.json\.corrupt-/);
		expect(readFileSync(report!.renamedTo!, 'utf8')).toBe('{"queue": [oops');
		expect(store.warnings.at(-1)).toMatch(/not a queue we can read: nothing imported, it was kept aside as/);
	});
});
