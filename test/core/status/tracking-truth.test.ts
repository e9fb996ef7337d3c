import {utimesSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {computeStatus} from '../../../source/core/status/compute-status.js';
import {fetchRemote} from '../../../source/core/status/fetch.js';
import {addBareRemote, commit, git, makeBare, makeRepo, tempDir} from '../../harness/index.js';
import {isolateProductGit, remote} from './helpers.js';

isolateProductGit();

const stateOf = async (repo: string, branch: string, name: string, url?: string) => (await computeStatus({cwd: repo, branch, remotes: [remote(name, {url})]})).remotes[0]!;

describe('every row tells the truth (SPEC §3)', () => {
	it('a remote fetched but holding no branches is missing, not "never fetched"', async () => {
		const repo = makeRepo();
		addBareRemote(repo, 'empty', {push: []});
		expect(await stateOf(repo, 'main', 'empty')).toMatchObject({state: 'unknown', unknownReason: 'never-fetched'});
		const outcome = await fetchRemote({cwd: repo, remote: remote('empty'), timeoutSeconds: 30});
		expect(outcome.ok).toBe(true);
		expect(await stateOf(repo, 'main', 'empty')).toMatchObject({state: 'missing'});
	});

	it('a narrow fetch refspec (clone --single-branch) makes other branches unknown, never missing; our fetch stays narrow', async () => {
		const upstream = makeRepo();
		git(upstream, 'branch', 'feature');
		const source = makeBare();
		git(upstream, 'push', '-q', source, 'main', 'feature');
		const clone = path.join(tempDir(), 'clone');
		git(upstream, 'clone', '-q', '--single-branch', '--branch', 'main', source, clone);
		git(clone, 'branch', 'feature', 'main');

		expect(await stateOf(clone, 'main', 'origin')).toMatchObject({state: 'in-sync'});
		expect(await stateOf(clone, 'feature', 'origin')).toMatchObject({state: 'unknown', unknownReason: 'not-in-refspec'});
		await fetchRemote({cwd: clone, remote: remote('origin'), timeoutSeconds: 30});
		expect(git(clone, 'for-each-ref', '--format=%(refname)', 'refs/remotes').split('\n').filter(ref => !ref.endsWith('/HEAD'))).toEqual(['refs/remotes/origin/main']);
		expect(await stateOf(clone, 'feature', 'origin')).toMatchObject({state: 'unknown'});
	});

	it('a custom refspec is followed to where it really puts the branch', async () => {
		const repo = makeRepo();
		const bare = addBareRemote(repo, 'up', {push: ['main']});
		git(repo, 'config', '--replace-all', 'remote.up.fetch', '+refs/heads/*:refs/remotes/elsewhere/*');
		commit(repo, 'local only');
		git(repo, 'push', '-q', bare, 'main:main');
		await fetchRemote({cwd: repo, remote: remote('up'), timeoutSeconds: 30});
		expect(await stateOf(repo, 'main', 'up')).toMatchObject({state: 'in-sync', remoteSha: git(repo, 'rev-parse', 'main')});
	});

	it('nested remote names keep their own tracking refs, and our --prune of one never deletes the other (enabled or not)', async () => {
		const repo = makeRepo();
		addBareRemote(repo, 'gh', {push: ['main']});
		const mirror = addBareRemote(repo, 'gh/mirror', {push: []});
		git(repo, 'push', '-q', mirror, 'main:refs/heads/only-on-mirror');
		git(repo, 'fetch', '-q', 'gh/mirror');
		commit(repo, 'ahead of gh');

		// gh/mirror is not among the remotes given (disabled in our config): its refs still are not gh's.
		await fetchRemote({cwd: repo, remote: remote('gh'), timeoutSeconds: 30});
		expect(git(repo, 'rev-parse', '--verify', '-q', 'refs/remotes/gh/mirror/only-on-mirror')).toMatch(/^[0-9a-f]{40}$/);
		const report = await computeStatus({cwd: repo, branch: 'only-on-mirror', remotes: [remote('gh'), remote('gh/mirror')]});
		expect(report.remotes.map(row => [row.remote, row.state])).toEqual([
			['gh', 'missing'],
			['gh/mirror', 'behind'],
		]);
	});

	it('fetchedAt follows a plain git fetch: the reflog of a ref it moved, and FETCH_HEAD when nothing moved', async () => {
		const repo = makeRepo();
		const bare = addBareRemote(repo, 'o', {push: []});
		expect((await stateOf(repo, 'main', 'o')).fetchedAt).toBeUndefined();
		git(repo, 'push', '-q', bare, 'main');
		const before = Date.now() - 2000;
		git(repo, 'fetch', '-q', 'o');
		const moved = Date.parse((await stateOf(repo, 'main', 'o')).fetchedAt!);
		expect(moved).toBeGreaterThanOrEqual(before);

		// Make the reflog old; a fetch that moves nothing rewrites only FETCH_HEAD.
		const old = new Date('2020-01-01T00:00:00Z');
		utimesSync(path.join(repo, '.git', 'logs', 'refs', 'remotes', 'o', 'main'), old, old);
		utimesSync(path.join(repo, '.git', 'FETCH_HEAD'), old, old);
		expect((await stateOf(repo, 'main', 'o', bare)).fetchedAt).toBe(old.toISOString());
		git(repo, 'fetch', '-q', 'o');
		expect(Date.parse((await stateOf(repo, 'main', 'o', bare)).fetchedAt!)).toBeGreaterThanOrEqual(before);
	});
});
