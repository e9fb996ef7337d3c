import {describe, expect, it} from 'vitest';
import {gitSpawnCount} from '../../../source/core/git/runner.js';
import {computeStatus} from '../../../source/core/status/compute-status.js';
import {recordFetchTime} from '../../../source/core/status/fetch-times.js';
import {addBareRemote, commit, git, makeBare, makeRepo, tempDir} from '../../harness/index.js';
import {buildDag, isolateProductGit, remote, updateRefs, writePackedRefs} from './helpers.js';

isolateProductGit();

/** A work repo whose main is c0 ← c1 ← c2, plus a side commit s1 off c1 (not on any branch). */
function history() {
	const repo = makeRepo();
	const c0 = git(repo, 'rev-parse', 'HEAD');
	const c1 = commit(repo, 'c1');
	git(repo, 'checkout', '-q', '-b', 'side');
	const s1 = commit(repo, 's1');
	git(repo, 'checkout', '-q', 'main');
	git(repo, 'branch', '-D', '-q', 'side');
	const c2 = commit(repo, 'c2');
	return {repo, c0, c1, c2, s1};
}

describe('status of one branch on every remote (SPEC §3)', () => {
	it('reports in-sync, ahead, behind, diverged, missing, unknown and filtered', async () => {
		const {repo, c0, c1, c2, s1} = history();
		updateRefs(repo, {
			'refs/remotes/same/main': c2,
			'refs/remotes/old/main': c0,
			'refs/remotes/new.er/main': git(repo, 'commit-tree', '-p', c2, '-m', 'remote only', `${c2}^{tree}`),
			'refs/remotes/forked-1/main': s1,
			'refs/remotes/other/topic': c1,
			'refs/remotes/release-only/main': c1,
		});
		const remotes = [
			remote('same'),
			remote('old'),
			remote('new.er'),
			remote('forked-1'),
			remote('other'),
			remote('never'),
			remote('release-only', {branches: ['release/*']}),
		];
		const report = await computeStatus({cwd: repo, branch: 'main', remotes, fetchedAt: {}});
		const rows = report.remotes.map(row => [row.remote, row.state, row.ahead, row.behind]);
		expect(rows).toEqual([
			['same', 'in-sync', 0, 0],
			['old', 'ahead', 2, 0],
			['new.er', 'behind', 0, 1],
			['forked-1', 'diverged', 1, 1],
			['other', 'missing', 0, 0],
			['never', 'unknown', 0, 0],
			['release-only', 'filtered', 0, 0],
		]);
		expect(report.branch).toBe('main');
		expect(report.local).toBe(c2);
		expect(report.remotes[1]).toMatchObject({local: c2, remoteSha: c0, branch: 'main', priority: 1});
	});

	it('computes in-sync and ahead after real pushes', async () => {
		const repo = makeRepo();
		addBareRemote(repo, 'origin');
		const before = await computeStatus({cwd: repo, branch: 'main', remotes: [remote('origin')], fetchedAt: {}});
		expect(before.remotes[0]!.state).toBe('in-sync');
		commit(repo, 'local work');
		const after = await computeStatus({cwd: repo, branch: 'main', remotes: [remote('origin')], fetchedAt: {}});
		expect(after.remotes[0]).toMatchObject({state: 'ahead', ahead: 1, behind: 0});
	});

	it('reports every pair of remotes whose tips are not ancestors of one another, in priority order', async () => {
		const {repo, c0, c1, c2, s1} = history();
		updateRefs(repo, {'refs/remotes/a/main': c2, 'refs/remotes/b/main': s1, 'refs/remotes/c/main': c1, 'refs/remotes/d/main': c0, 'refs/remotes/e/main': s1});
		const remotes = [remote('a', {priority: 2}), remote('b', {priority: 1}), remote('c', {priority: 3}), remote('d', {priority: 4}), remote('e', {priority: 5})];
		const report = await computeStatus({cwd: repo, branch: 'main', remotes, fetchedAt: {}});
		expect(report.remotes.map(row => row.remote)).toEqual(['b', 'a', 'c', 'd', 'e']);
		// b and e hold the same tip: not diverged from each other.
		expect(report.divergence).toEqual([
			{branch: 'main', remotes: ['b', 'a']},
			{branch: 'main', remotes: ['a', 'e']},
		]);
	});

	it('leaves filtered remotes out of remote-vs-remote divergence', async () => {
		const {repo, c2, s1} = history();
		updateRefs(repo, {'refs/remotes/a/main': c2, 'refs/remotes/b/main': s1});
		const report = await computeStatus({cwd: repo, branch: 'main', remotes: [remote('a'), remote('b', {branches: ['!main']})], fetchedAt: {}});
		expect(report.divergence).toEqual([]);
		expect(report.remotes[1]!.state).toBe('filtered');
	});

	it('never shows credentials from a remote URL', async () => {
		const repo = makeRepo();
		git(repo, 'remote', 'add', 'ci', 'http://user:token@127.0.0.1:1/x.git');
		const report = await computeStatus({cwd: repo, branch: 'main', remotes: [remote('ci', {url: 'http://user:token@127.0.0.1:1/x.git'})]});
		expect(report.remotes[0]!.url).toBe('http://***@127.0.0.1:1/x.git');
		expect(JSON.stringify(report)).not.toMatch(/token|user:/);
	});

	it('treats a remote known only by its config url like a git remote (refs/remotes/<name>/*)', async () => {
		const {repo, c0} = history();
		updateRefs(repo, {'refs/remotes/backup.site/main': c0});
		const report = await computeStatus({cwd: repo, branch: 'main', remotes: [remote('backup.site', {inGit: false, url: '/srv/backup.git'})], fetchedAt: {}});
		expect(report.remotes[0]).toMatchObject({state: 'ahead', ahead: 2, url: '/srv/backup.git'});
	});

	it('does not crash on an unborn branch: the remote is behind by its whole history', async () => {
		const source = makeRepo();
		commit(source, 'two');
		const bare = addBareRemote(source, 'up');
		const repo = tempDir();
		git(repo, 'init', '-q', '-b', 'main');
		git(repo, 'remote', 'add', 'up', bare);
		git(repo, 'fetch', '-q', 'up');
		const report = await computeStatus({cwd: repo, branch: 'main', remotes: [remote('up'), remote('empty')], fetchedAt: {}});
		expect(report.local).toBeUndefined();
		expect(report.remotes.map(row => [row.state, row.ahead, row.behind])).toEqual([
			['behind', 0, 2],
			['unknown', 0, 0],
		]);
	});

	it('reports the branch the caller names on a detached HEAD', async () => {
		const {repo, c1, c2} = history();
		git(repo, 'checkout', '-q', '--detach', c1);
		updateRefs(repo, {'refs/remotes/o/main': c2});
		const report = await computeStatus({cwd: repo, branch: 'main', remotes: [remote('o')], fetchedAt: {}});
		expect(report.remotes[0]!.state).toBe('in-sync');
	});

	it('reports when each remote was last fetched, from the caller or from fetched.json', async () => {
		const repo = makeRepo();
		addBareRemote(repo, 'o', {push: []});
		addBareRemote(repo, 'p', {push: []});
		const given = await computeStatus({cwd: repo, branch: 'main', remotes: [remote('o')], fetchedAt: {o: '2024-01-02T03:04:05.000Z'}});
		expect(given.remotes[0]!.fetchedAt).toBe('2024-01-02T03:04:05.000Z');
		await recordFetchTime(repo, 'p', new Date('2025-05-05T05:05:05.000Z'));
		const stored = await computeStatus({cwd: repo, branch: 'main', remotes: [remote('o'), remote('p')]});
		expect(stored.remotes.map(row => row.fetchedAt)).toEqual([undefined, '2025-05-05T05:05:05.000Z']);
	});

	it('spawns the same few git processes for 20 remotes × 5 branches and × 50 branches', async () => {
		const spawnsFor = async (branches: number) => {
			const repo = makeBare();
			const tips = buildDag(repo, [[], [0], [1], [1], [3], [2, 4], [5], [0], [7], [6, 8]]);
			const updates: Record<string, string> = {};
			const remotes = [];
			for (let r = 0; r < 20; r++) {
				remotes.push(remote(`remote-${r}.mirror`));
				for (let b = 0; b < branches; b++) updates[`refs/remotes/remote-${r}.mirror/b${b}`] = tips[(r + b) % tips.length]!;
			}

			for (let b = 0; b < branches; b++) updates[`refs/heads/b${b}`] = tips[b % tips.length]!;
			writePackedRefs(repo, updates);
			const before = gitSpawnCount();
			const report = await computeStatus({cwd: repo, branch: 'b1', remotes});
			expect(report.remotes).toHaveLength(20);
			return gitSpawnCount() - before;
		};

		const few = await spawnsFor(5);
		expect(await spawnsFor(50)).toBe(few);
		// for-each-ref, config (refspecs), rev-parse (git dirs), merge-base, rev-list.
		expect(few).toBeLessThanOrEqual(5);
	});
});
