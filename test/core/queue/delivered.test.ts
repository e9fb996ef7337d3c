import {execFileSync} from 'node:child_process';
import {mkdirSync, symlinkSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {QueueReadError} from '../../../source/core/queue/errors.js';
import {QueueStore} from '../../../source/core/queue/queue-store.js';
import {commit, git, makeRepo, tempDir} from '../../harness/index.js';
import {isolateProductGit} from './helpers.js';

isolateProductGit();

const key = {remote: 'origin', branch: 'main'};
const failure = (sha: string, at: string) => ({...key, sha, error: 'unreachable', at: new Date(at)});

/** main: first ← second ← third, and `rewritten` beside them (an amend of `third`). */
function history() {
	const repo = makeRepo();
	const first = git(repo, 'rev-parse', 'HEAD');
	const second = commit(repo, 'second');
	const third = commit(repo, 'third');
	git(repo, 'checkout', '-q', '-b', 'side', second);
	const rewritten = commit(repo, 'third, amended');
	git(repo, 'checkout', '-q', 'main');
	return {repo, first, second, third, rewritten};
}

describe('offline queue: a delivered push removes only what it delivered', () => {
	it('removes the entry when the pushed sha is the queued one, or contains it', async () => {
		const {repo, second, third} = history();
		const store = await QueueStore.open(repo);
		await store.enqueue(failure(third, '2024-01-01T00:00:00Z'));
		expect(await store.removeDelivered(key, third)).toBe(1);
		await store.enqueue(failure(second, '2024-01-01T00:00:00Z'));
		expect(await store.removeDelivered(key, third)).toBe(1);
		expect(await store.list()).toEqual([]);
	});

	it('keeps a newer sha queued for the same ref (by another process) after an older one was delivered', async () => {
		const {repo, second, third} = history();
		const other = await QueueStore.open(repo);
		await other.enqueue(failure(third, '2024-01-01T00:00:00Z'));
		const store = await QueueStore.open(repo);
		expect(await store.removeDelivered(key, second)).toBe(0);
		expect((await store.list()).map(entry => entry.sha)).toEqual([third]);
	});

	it('keeps a sha that is not in the history of what was delivered (a rewritten branch), and other refs', async () => {
		const {repo, third, rewritten} = history();
		const store = await QueueStore.open(repo);
		await store.enqueue(failure(rewritten, '2024-01-01T00:00:00Z'));
		await store.enqueue({remote: 'backup', branch: 'main', sha: third, error: 'unreachable'});
		await store.enqueue({remote: 'origin', branch: 'side', sha: third, error: 'unreachable'});
		expect(await store.removeDelivered(key, third)).toBe(0);
		expect((await store.list()).map(entry => `${entry.remote}/${entry.branch}@${entry.sha.slice(0, 7)}`).sort()).toEqual(
			[`backup/main@${third.slice(0, 7)}`, `origin/main@${rewritten.slice(0, 7)}`, `origin/side@${third.slice(0, 7)}`].sort(),
		);
	});
});

describe('offline queue: coalescing keeps the sha that delivers both', () => {
	it('an older sha failing after a newer one does not replace it', async () => {
		const {repo, second, third} = history();
		const store = await QueueStore.open(repo);
		await store.enqueue(failure(third, '2024-01-01T00:00:00Z'));
		const merged = await store.enqueue(failure(second, '2024-01-01T00:05:00Z'));
		expect(merged).toMatchObject({sha: third, attempts: 2, lastAttemptAt: '2024-01-01T00:05:00.000Z'});
	});

	it('a newer sha replaces an older one; a rewrite replaces what it rewrote (newest failure wins)', async () => {
		const {repo, second, third, rewritten} = history();
		const store = await QueueStore.open(repo);
		await store.enqueue(failure(second, '2024-01-01T00:00:00Z'));
		expect((await store.enqueue(failure(third, '2024-01-01T00:01:00Z'))).sha).toBe(third);
		expect((await store.enqueue(failure(rewritten, '2024-01-01T00:02:00Z'))).sha).toBe(rewritten);
	});
});

describe('offline queue: a queue path that is not a regular file', () => {
	const cases: Array<[string, (file: string) => void, RegExp]> = [
		['a FIFO', file => execFileSync('mkfifo', [file]), /is a named pipe \(FIFO\), not a regular file: move it away/],
		['a directory', file => mkdirSync(file), /is a directory, not a regular file: move it away/],
		[
			'a symlink to a FIFO',
			file => {
				const fifo = path.join(tempDir('rst-fifo-'), 'pipe');
				execFileSync('mkfifo', [fifo]);
				symlinkSync(fifo, file);
			},
			/is a named pipe \(FIFO\), not a regular file/,
		],
	];

	for (const [what, make, message] of cases) {
		it(`is an error naming the path when it is ${what}, never a hang`, async () => {
			const repo = makeRepo();
			const file = path.join(repo, '.git', 'remote-sync', 'queue.json');
			mkdirSync(path.dirname(file), {recursive: true});
			make(file);
			const opening = QueueStore.open(repo);
			await expect(opening).rejects.toThrow(QueueReadError);
			await expect(opening).rejects.toThrow(file);
			await expect(opening).rejects.toThrow(message);
		});
	}
});
