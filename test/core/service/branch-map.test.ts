import {describe, expect, it} from 'vitest';
import {commit, git, makeBare, makeRepo, tempDir} from '../../harness/index.js';
import {isolateProductGit, serviceFor} from './helpers.js';

isolateProductGit();

/** branch_map through the service the dashboard drives: snapshot rows and the force confirmation use the mapped name. */

async function legacyWithTeammate() {
	const repo = makeRepo();
	const bare = makeBare();
	git(repo, 'remote', 'add', 'legacy', bare);
	git(repo, 'push', '-q', 'legacy', 'main:master');
	const other = tempDir('rst-other-');
	git(other, 'clone', '-q', '-b', 'master', bare, '.');
	const theirs = commit(other, 'theirs');
	git(other, 'push', '-q', 'origin', 'master');
	const ours = commit(repo, 'ours');
	const {service} = await serviceFor(repo, {config: {remotes: {legacy: {force_push: 'warn', retry: 0, branch_map: {main: 'master'}}}, offline_queue: false}});
	return {repo, bare, other, theirs, ours, service};
}

describe('branch_map in the service (dashboard)', () => {
	it("the snapshot's row carries the map and the status of main against legacy's master", async () => {
		const {service, theirs} = await legacyWithTeammate();
		await service.status({fetch: true});
		const row = service.getSnapshot().remotes.find(candidate => candidate.name === 'legacy')!;
		expect(row.branchMap).toEqual([['main', 'master']]);
		expect(row.status).toMatchObject({branch: 'main', remoteBranch: 'master', state: 'diverged', ahead: 1, behind: 1, remoteSha: theirs});
	});

	it('a confirmed force replaces master, leased on the sha the dialog showed; a newer commit there survives', async () => {
		const {bare, other, theirs, ours, service} = await legacyWithTeammate();
		const [confirmation] = (await service.push({})).needsConfirmation;
		expect(confirmation).toMatchObject({remote: 'legacy', branch: 'main', remoteBranch: 'master', remoteSha: theirs, localSha: ours});

		const newer = commit(other, 'pushed while the dialog was open');
		git(other, 'push', '-q', 'origin', 'master');
		expect((await service.confirmForcePush(confirmation!)).results[0]).toMatchObject({remoteBranch: 'master', status: 'rejected'});
		expect(git(bare, 'rev-parse', 'master')).toBe(newer);

		const [again] = (await service.push({})).needsConfirmation;
		expect((await service.confirmForcePush(again!)).results[0]).toMatchObject({remoteBranch: 'master', status: 'pushed'});
		expect(git(bare, 'rev-parse', 'master')).toBe(ours);
		expect(git(bare, 'for-each-ref', 'refs/heads/main')).toBe('');
	});
});
