import {describe, expect, it} from 'vitest';
import type {ForcePushPolicy} from '../../../source/core/config/schema.js';
import {pushOne} from '../../../source/core/push/push-one.js';
import {addBareRemote, commit, git, makeBare, makeRepo} from '../../harness/index.js';
import {isolateProductGit, pushFromElsewhere, recorder, refsOf, remote, request, shaOf} from './helpers.js';

isolateProductGit();

/**
 * SPEC §4: a forced push leases on what the user saw (the remote-tracking ref) and only if
 * the branch integrated it (its tip or reflog reaches it), so a teammate's commit pushed
 * since, or fetched but never looked at, is never destroyed.
 *
 * The story: the user pushed `mine`, a teammate pushed `theirs` on top, the user amends
 * `mine` (a rewrite: a force is needed) without having integrated `theirs`.
 */
function teammatePushedOnTop() {
	const repo = makeRepo();
	const bare = addBareRemote(repo, 'origin');
	commit(repo, 'mine');
	git(repo, 'push', '-q', 'origin', 'main');
	const theirs = pushFromElsewhere(bare, 'teammate work');
	git(repo, 'commit', '-q', '--amend', '-m', 'mine, amended');
	return {repo, bare, theirs, ours: git(repo, 'rev-parse', 'main')};
}

const cases: Array<[ForcePushPolicy, boolean]> = [
	['warn', true],
	['allow', false],
];

describe.each(cases)('force_push %s (force %s): the teammate commit survives', (policy, force) => {
	const origin = remote('origin', {forcePush: policy});

	it('when the remote moved past the last fetch: rejected, fetch and review first', async () => {
		const {repo, bare, theirs} = teammatePushedOnTop();
		const result = await pushOne(request(repo, origin, {force}));
		expect(result).toMatchObject({status: 'rejected', errorClass: 'rejected', attempts: 1});
		expect(result.error).toMatch(/fetch and review first/);
		expect(result.wouldLose).toEqual([`${theirs.slice(0, 7)} teammate work`]);
		expect(shaOf(bare, 'refs/heads/main')).toBe(theirs);
	});

	it("after the user's git fetch brought it in without integrating it: rejected, named", async () => {
		const {repo, bare, theirs} = teammatePushedOnTop();
		git(repo, 'fetch', '-q', 'origin');
		const record = recorder();
		const result = await pushOne(request(repo, origin, {force, record}));
		expect(result).toMatchObject({status: 'rejected', errorClass: 'rejected'});
		expect(result.error).toMatch(/never integrated/);
		expect(result.error).toContain(`${theirs.slice(0, 7)} teammate work`);
		expect(shaOf(bare, 'refs/heads/main')).toBe(theirs);
		// Refused before git was ever asked to force.
		expect(record.argvs().flat().join(' ')).not.toMatch(/--force/);
	});

	it.each([false, true])('dry-run predicts the same refusal (fetched first: %s) and changes nothing', async fetched => {
		const {repo, bare, theirs} = teammatePushedOnTop();
		if (fetched) git(repo, 'fetch', '-q', 'origin');
		const before = {remote: refsOf(bare), local: refsOf(repo)};
		const result = await pushOne(request(repo, origin, {force, dryRun: true}));
		expect(result.status).toBe('rejected');
		expect(result.error).toMatch(/fetch and review first/);
		expect({remote: refsOf(bare), local: refsOf(repo)}).toEqual(before);
		expect(shaOf(bare, 'refs/heads/main')).toBe(theirs);
	});

	it('rebased onto the teammate commit, then rewrote it: the force the user meant goes through', async () => {
		const {repo, bare, theirs} = teammatePushedOnTop();
		git(repo, 'fetch', '-q', 'origin');
		git(repo, 'rebase', '-q', 'origin/main');
		// Squash everything since the shared start into one commit: theirs is no longer an
		// ancestor of what we push, but the branch held it (reflog), so the user integrated it.
		git(repo, 'reset', '-q', '--soft', git(repo, 'rev-list', '--max-parents=0', 'HEAD'));
		git(repo, 'commit', '-q', '--allow-empty', '-m', 'squashed mine and teammate work');
		const ours = git(repo, 'rev-parse', 'main');
		expect(isAncestor(repo, theirs, ours)).toBe(false);

		const dry = await pushOne(request(repo, origin, {force, dryRun: true}));
		expect(dry.status).toBe('would-force');
		const record = recorder();
		const result = await pushOne(request(repo, origin, {force, record}));
		expect(result).toMatchObject({status: 'pushed', sha: ours});
		expect(shaOf(bare, 'refs/heads/main')).toBe(ours);
		expect(record.argvs().filter(argv => argv[1] === 'push').at(-1)).toContain(`--force-with-lease=refs/heads/main:${theirs}`);
	});
});

function isAncestor(repo: string, ancestor: string, descendant: string): boolean {
	try {
		git(repo, 'merge-base', '--is-ancestor', ancestor, descendant);
		return true;
	} catch {
		return false;
	}
}

describe('a remote never fetched (URL only: no remote-tracking ref)', () => {
	function urlOnly() {
		const repo = makeRepo();
		const bare = makeBare();
		const target = remote('backup', {inGit: false, url: bare, forcePush: 'allow'});
		git(repo, 'push', '-q', bare, 'main');
		return {repo, bare, target};
	}

	it('replaces a tip the branch itself held (pushed from here, then amended)', async () => {
		const {repo, bare, target} = urlOnly();
		git(repo, 'commit', '-q', '--amend', '--allow-empty', '-m', 'initial, amended');
		const result = await pushOne(request(repo, target));
		expect(result.status).toBe('pushed');
		expect(shaOf(bare, 'refs/heads/main')).toBe(git(repo, 'rev-parse', 'main'));
	});

	it('refuses a tip nobody here ever saw, and keeps it', async () => {
		const {repo, bare, target} = urlOnly();
		const theirs = pushFromElsewhere(bare, 'pushed by someone else');
		git(repo, 'commit', '-q', '--amend', '--allow-empty', '-m', 'initial, amended');
		const result = await pushOne(request(repo, target));
		expect(result.status).toBe('rejected');
		expect(result.error).toMatch(/never fetched here.*fetch and review first/);
		expect(shaOf(bare, 'refs/heads/main')).toBe(theirs);
	});
});
