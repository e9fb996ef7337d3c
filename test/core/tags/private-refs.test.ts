import {describe, expect, it} from 'vitest';
import {computeStatus} from '../../../source/core/status/compute-status.js';
import {fetchRemote} from '../../../source/core/status/fetch.js';
import {encodeRemoteName, remoteTagsPrefix, tagFetchRefspec} from '../../../source/core/tags/private-refs.js';
import {addBareRemote, commit, git, makeRepo} from '../../harness/index.js';
import {isolateProductGit, remote} from '../status/helpers.js';

isolateProductGit();

describe('the private tag namespace', () => {
	it.each([
		['origin', 'origin'],
		['gh/mirror', 'gh%2Fmirror'],
		['a.b', 'a%2Eb'],
		['..', '%2E%2E'],
		['x@{1}', 'x%40%7B1%7D'],
		['-dash', '-dash'],
		['ü', '%C3%BC'],
		['50%', '50%25'],
	])('%j is one valid ref component: %j', (name, encoded) => {
		expect(encodeRemoteName(name)).toBe(encoded);
		const ref = `${remoteTagsPrefix(name)}v1`;
		// git itself agrees the name is a valid ref, and one component long (no nesting).
		expect(git(makeRepo(), 'check-ref-format', '--normalize', ref)).toBe(ref);
		expect(ref.split('/')).toHaveLength(5);
	});

	it('two names never share a namespace, even when one is the other with a slash', () => {
		const names = ['gh', 'gh/mirror', 'gh%2Fmirror', 'gh.mirror', 'gh_mirror'];
		expect(new Set(names.map(remoteTagsPrefix)).size).toBe(names.length);
	});

	it('fetches each remote\'s tags apart (nested names too), prunes a deleted one, and never writes refs/tags', async () => {
		const repo = makeRepo();
		const outer = addBareRemote(repo, 'gh');
		const inner = addBareRemote(repo, 'gh/mirror');
		const main = git(repo, 'rev-parse', 'main');
		git(outer, 'update-ref', 'refs/tags/v1', main);
		git(inner, 'update-ref', 'refs/tags/v1', main);
		git(inner, 'update-ref', 'refs/tags/only-inner', main);
		for (const name of ['gh', 'gh/mirror']) expect((await fetchRemote({cwd: repo, remote: remote(name), timeoutSeconds: 30})).ok).toBe(true);
		const stored = () => git(repo, 'for-each-ref', '--format=%(refname)', 'refs/remote-sync/').split('\n').filter(Boolean).toSorted();
		expect(stored()).toEqual(['refs/remote-sync/gh%2Fmirror/tags/only-inner', 'refs/remote-sync/gh%2Fmirror/tags/v1', 'refs/remote-sync/gh/tags/v1']);
		expect(git(repo, 'tag', '--list')).toBe('');
		expect(tagFetchRefspec('gh')).toBe('+refs/tags/*:refs/remote-sync/gh/tags/*');

		git(inner, 'tag', '-d', 'only-inner');
		expect((await fetchRemote({cwd: repo, remote: remote('gh/mirror'), timeoutSeconds: 30})).ok).toBe(true);
		expect(stored()).toEqual(['refs/remote-sync/gh%2Fmirror/tags/v1', 'refs/remote-sync/gh/tags/v1']);
	});

	it('looked at with no tags at all is {missing, differ}, never null', async () => {
		const repo = makeRepo();
		addBareRemote(repo, 'empty-tags');
		commit(repo, 'x');
		git(repo, 'tag', '-a', 'v1', '-m', 'one');
		const status = async () => (await computeStatus({cwd: repo, branch: 'main', remotes: [remote('empty-tags')]})).remotes[0]!.tags;
		expect(await status()).toBeUndefined();
		expect((await fetchRemote({cwd: repo, remote: remote('empty-tags'), timeoutSeconds: 30})).ok).toBe(true);
		expect(await status()).toEqual({missing: 1, differ: []});
	});
});
