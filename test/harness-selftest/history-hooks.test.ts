import {describe, expect, it} from 'vitest';
import {addPreReceiveHook, addBareRemote, commit, git, gitAsync, makeBare, makeHistory, makeRepo} from '../harness/index.js';

describe('harness: makeHistory', () => {
	it('appends the requested commits on the current branch and checks them out', () => {
		const repo = makeRepo();
		const before = git(repo, 'rev-parse', 'HEAD');
		const tip = makeHistory(repo, {commits: 300, files: 25, bytesPerFile: 1024});

		expect(tip).toBe(git(repo, 'rev-parse', 'HEAD'));
		expect(git(repo, 'rev-list', '--count', `${before}..main`)).toBe('300');
		expect(git(repo, 'merge-base', '--is-ancestor', before, 'main')).toBe('');
		expect(git(repo, 'ls-files', 'src').split('\n')).toHaveLength(25);
		expect(git(repo, 'status', '--porcelain')).toBe(''); // Work tree follows the new tip.
		const size = Number(git(repo, 'cat-file', '-s', 'HEAD:src/module-0000.txt'));
		expect(size).toBeGreaterThan(900);
		expect(size).toBeLessThan(1200);
	});

	it('builds a history in a bare repository too, the same on every run', () => {
		const first = makeBare();
		const second = makeBare();
		expect(makeHistory(first, {commits: 50})).toBe(makeHistory(second, {commits: 50}));
		expect(git(first, 'rev-list', '--count', 'main')).toBe('50');
	});
});

describe('harness: addPreReceiveHook', () => {
	it('makes the remote reject pushes with the hook\'s message', async () => {
		const repo = makeRepo();
		const bare = addBareRemote(repo, 'origin');
		addPreReceiveHook(bare, 'echo "policy: pushes are frozen" >&2\nexit 1');
		const sha = commit(repo, 'blocked');

		const push = await gitAsync(repo, ['push', 'origin', 'main'], {timeoutMs: 10_000});
		expect(push.exitCode).not.toBe(0);
		expect(push.stderr).toContain('policy: pushes are frozen');
		expect(push.stderr).toMatch(/pre-receive hook declined/);
		expect(git(bare, 'rev-parse', 'main')).not.toBe(sha);
	});
});
