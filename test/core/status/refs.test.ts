import {describe, expect, it} from 'vitest';
import {localSha, parseRefs, readRefs, type RefSnapshot} from '../../../source/core/status/refs.js';
import {addBareRemote, commit, git, makeRepo, tempDir} from '../../harness/index.js';
import {isolateProductGit} from './helpers.js';

const trackingSha = (snapshot: RefSnapshot, remote: string, branch: string) => snapshot.refs.get(`refs/remotes/${remote}/${branch}`);

isolateProductGit();

describe('reading refs', () => {
	it('reads local branches and remote-tracking refs with their shas', async () => {
		const repo = makeRepo();
		const first = git(repo, 'rev-parse', 'HEAD');
		addBareRemote(repo, 'gh.mirror-1');
		const second = commit(repo, 'second');
		git(repo, 'branch', 'feature/x', first);

		const snapshot = await readRefs(repo);
		expect(localSha(snapshot, 'main')).toBe(second);
		expect(localSha(snapshot, 'feature/x')).toBe(first);
		expect(trackingSha(snapshot, 'gh.mirror-1', 'main')).toBe(first);
		expect(trackingSha(snapshot, 'gh.mirror-1', 'feature/x')).toBeUndefined();
		expect(localSha(snapshot, 'nope')).toBeUndefined();
	});

	it('skips the remote HEAD pointer, which is not a branch', () => {
		const snapshot = parseRefs(['a'.repeat(40) + ' refs/remotes/o/HEAD refs/remotes/o/main', 'a'.repeat(40) + ' refs/remotes/o/main ', ''].join('\n'));
		expect(trackingSha(snapshot, 'o', 'HEAD')).toBeUndefined();
		expect(trackingSha(snapshot, 'o', 'main')).toBe('a'.repeat(40));
	});

	it('reads an unborn repository as having no refs', async () => {
		const repo = tempDir();
		git(repo, 'init', '-q', '-b', 'main');
		const snapshot = await readRefs(repo);
		expect(snapshot.refs.size).toBe(0);
		expect(localSha(snapshot, 'main')).toBeUndefined();
	});

	it('fails with a message naming the directory outside a repository', async () => {
		const dir = tempDir();
		await expect(readRefs(dir)).rejects.toThrow(dir);
	});
});
