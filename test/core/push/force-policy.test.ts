import {describe, expect, it} from 'vitest';
import type {ForcePushPolicy} from '../../../source/core/config/schema.js';
import {planPush} from '../../../source/core/push/plan.js';
import {pushOne} from '../../../source/core/push/push-one.js';
import {addBareRemote, commit, git, makeRepo} from '../../harness/index.js';
import {isolateProductGit, pushFromElsewhere, recorder, refsOf, remote, request, shaOf} from './helpers.js';

isolateProductGit();

/** Local main and the remote's main both moved on from a common commit. */
function diverged() {
	const repo = makeRepo();
	const bare = addBareRemote(repo, 'origin');
	const theirs = pushFromElsewhere(bare, 'their fix');
	const ours = commit(repo, 'our rewrite');
	return {repo, bare, theirs, ours};
}

/**
 * A force the user means: they fetched the remote's commit, built on it (it is in the
 * branch's reflog), then rewrote it. Only such a force goes through (lease.test.ts has the
 * cases that must not).
 */
function rewritten() {
	const repo = makeRepo();
	const bare = addBareRemote(repo, 'origin');
	const theirs = pushFromElsewhere(bare, 'their fix');
	git(repo, 'fetch', '-q', 'origin');
	git(repo, 'reset', '-q', '--hard', 'origin/main');
	git(repo, 'commit', '-q', '--amend', '--allow-empty', '-m', 'their fix, reworded');
	const ours = git(repo, 'rev-parse', 'main');
	return {repo, bare, theirs, ours};
}

const origin = (forcePush: ForcePushPolicy) => remote('origin', {forcePush});

describe('force-push policy: block', () => {
	it.each([false, true])('refuses a non-fast-forward (force %s) and leaves the remote alone', async force => {
		const {repo, bare, theirs} = diverged();
		const result = await pushOne(request(repo, origin('block'), {force}));
		expect(result).toMatchObject({status: 'blocked', attempts: 1});
		expect(result.message).toMatch(/force_push: block/);
		expect(result.error).toMatch(/git pull --rebase origin main/);
		expect(result.wouldLose).toEqual([`${theirs.slice(0, 7)} their fix`]);
		expect(shaOf(bare, 'refs/heads/main')).toBe(theirs);
	});
});

describe('force-push policy: warn', () => {
	it('refuses without --force and names the commits the remote would lose', async () => {
		const {repo, bare, theirs} = diverged();
		const record = recorder();
		const result = await pushOne(request(repo, origin('warn'), {record}));
		expect(result).toMatchObject({status: 'blocked', message: 'needs --force (force_push: warn)', wouldLose: [`${theirs.slice(0, 7)} their fix`]});
		// Only the plain push git itself refused before sending anything; never a forced one.
		expect(record.argvs().filter(argv => argv[1] === 'push').flat().join(' ')).not.toMatch(/--force/);
		expect(shaOf(bare, 'refs/heads/main')).toBe(theirs);
	});

	it('pushes with --force, leasing on the sha it saw', async () => {
		const {repo, bare, theirs, ours} = rewritten();
		const record = recorder();
		const result = await pushOne(request(repo, origin('warn'), {force: true, record}));
		expect(result).toMatchObject({status: 'pushed', attempts: 1, sha: ours});
		expect(result.message).toBe(`Successfully force-pushed main to origin, replacing ${theirs.slice(0, 7)} (force-with-lease)`);
		expect(shaOf(bare, 'refs/heads/main')).toBe(ours);
		// The plain push is refused; then one plan (ls-remote), the lease checks and the leased push.
		const pushes = record.argvs().filter(argv => argv[1] === 'push');
		expect(pushes).toHaveLength(2);
		expect(pushes[0]!.join(' ')).not.toMatch(/--force/);
		expect(pushes[1]).toContain(`--force-with-lease=refs/heads/main:${theirs}`);
		expect(pushes[1]).not.toContain('--force');
	});

	it('after a confirmation, pushes with the plan the user saw', async () => {
		const {repo, bare, ours} = diverged();
		const plan = await planPush({cwd: repo, remote: origin('warn'), branch: 'main', localSha: ours, timeoutSeconds: 20});
		const record = recorder();
		const result = await pushOne(request(repo, origin('warn'), {force: true, plan, record}));
		expect(result.status).toBe('pushed');
		expect(record.argvs().map(argv => argv[1])).toEqual(['push']);
		expect(shaOf(bare, 'refs/heads/main')).toBe(ours);
	});
});

describe('force-push policy: allow', () => {
	it('forces without --force, with a lease', async () => {
		const {repo, bare, ours, theirs} = rewritten();
		const record = recorder();
		const result = await pushOne(request(repo, origin('allow'), {record}));
		expect(result.status).toBe('pushed');
		expect(shaOf(bare, 'refs/heads/main')).toBe(ours);
		expect(record.argvs().filter(argv => argv[1] === 'push').at(-1)).toContain(`--force-with-lease=refs/heads/main:${theirs}`);
	});
});

describe('force-with-lease on the sha we saw', () => {
	it('refuses when the remote moved after we looked, and keeps its new commit', async () => {
		const {repo, bare, ours, theirs} = diverged();
		const plan = await planPush({cwd: repo, remote: origin('allow'), branch: 'main', localSha: ours, timeoutSeconds: 20});
		expect(plan).toMatchObject({kind: 'force', remoteSha: theirs});
		const newer = pushFromElsewhere(bare, 'pushed while we were deciding');
		const result = await pushOne(request(repo, origin('allow'), {force: true, plan}));
		expect(result).toMatchObject({status: 'rejected', errorClass: 'rejected', attempts: 1});
		expect(result.message).toMatch(/moved since we looked/);
		expect(result.error).toMatch(/fetch/);
		expect(shaOf(bare, 'refs/heads/main')).toBe(newer);
	});
});

describe('dry-run changes nothing', () => {
	it.each([
		['fast-forward', 'block', false, 'would-push'],
		['create', 'block', false, 'would-push'],
		['up to date', 'block', false, 'up-to-date'],
		['diverged', 'block', true, 'would-block'],
		['diverged', 'warn', false, 'would-block'],
		['diverged', 'warn', true, 'rejected'],
		['diverged', 'allow', false, 'rejected'],
		['rewritten', 'warn', true, 'would-force'],
		['rewritten', 'allow', false, 'would-force'],
	] as const)('%s under %s (force %s) → %s', async (situation, policy, force, status) => {
		let repo: string;
		let bare: string;
		if (situation === 'rewritten') ({repo, bare} = rewritten());
		else {
			repo = makeRepo();
			bare = addBareRemote(repo, 'origin', {push: situation === 'create' ? [] : ['main']});
			if (situation === 'diverged') pushFromElsewhere(bare, 'theirs');
			if (situation !== 'up to date') commit(repo, 'ours');
		}

		const remoteBefore = refsOf(bare);
		const localBefore = refsOf(repo);
		const result = await pushOne(request(repo, origin(policy), {force, dryRun: true}));
		expect(result.status).toBe(status);
		expect(refsOf(bare)).toBe(remoteBefore);
		expect(refsOf(repo)).toBe(localBefore);
	});

	it('reports a lease that would fail as rejected', async () => {
		const {repo, bare, ours} = diverged();
		const plan = await planPush({cwd: repo, remote: origin('allow'), branch: 'main', localSha: ours, timeoutSeconds: 20});
		pushFromElsewhere(bare, 'moved');
		const before = refsOf(bare);
		const result = await pushOne(request(repo, origin('allow'), {dryRun: true, plan}));
		expect(result.status).toBe('rejected');
		expect(refsOf(bare)).toBe(before);
	});
});
