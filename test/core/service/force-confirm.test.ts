import {describe, expect, it} from 'vitest';
import {commit, git, makeBare, makeRepo, tempDir} from '../../harness/index.js';
import {isolateProductGit, serviceFor} from './helpers.js';

isolateProductGit();

/**
 * A work repository and a `mirror` remote (force_push: warn) that has a commit the local
 * branch lacks, plus a second clone to move the remote behind our back.
 */
async function divergedMirror() {
	const repo = makeRepo();
	const bare = makeBare();
	git(repo, 'remote', 'add', 'mirror', bare);
	git(repo, 'push', '-q', 'mirror', 'main');
	const other = tempDir('rst-other-');
	git(other, 'clone', '-q', bare, '.');
	const theirs = commit(other, 'theirs');
	git(other, 'push', '-q', 'origin', 'main');
	const ours = commit(repo, 'ours');
	const {service} = await serviceFor(repo, {config: {remotes: {mirror: {force_push: 'warn', retry: 0}}, offline_queue: false}});
	return {repo, bare, other, theirs, ours, service};
}

describe('force-push policy warn: confirmForcePush leases on the sha the user was shown', () => {
	it('push() asks instead of forcing, naming the commit the remote would lose', async () => {
		const {bare, theirs, ours, service} = await divergedMirror();
		const outcome = await service.push({});
		expect(outcome.results[0]).toMatchObject({remote: 'mirror', status: 'blocked'});
		expect(outcome.needsConfirmation).toEqual([{remote: 'mirror', branch: 'main', remoteSha: theirs, localSha: ours, wouldLose: [expect.stringContaining('theirs')]}]);
		expect(git(bare, 'rev-parse', 'main')).toBe(theirs);
	});

	it('confirmed, and the remote unchanged since: forced with the lease, ours replaces theirs', async () => {
		const {bare, ours, service} = await divergedMirror();
		const [confirmation] = (await service.push({})).needsConfirmation;
		const report = await service.confirmForcePush(confirmation!);
		expect(report.results[0]).toMatchObject({remote: 'mirror', status: 'pushed'});
		expect(git(bare, 'rev-parse', 'main')).toBe(ours);
	});

	it('confirmed, but the remote moved after the user looked: rejected, and the new commit survives', async () => {
		const {bare, other, service} = await divergedMirror();
		const [confirmation] = (await service.push({})).needsConfirmation;
		// Someone pushes while the dialog is open: the user never saw this commit.
		const newer = commit(other, 'pushed while the dialog was open');
		git(other, 'push', '-q', 'origin', 'main');

		const report = await service.confirmForcePush(confirmation!);

		expect(report.results[0]).toMatchObject({remote: 'mirror', status: 'rejected'});
		expect(report.results[0]?.error).toMatch(/fetch and review first/);
		expect(git(bare, 'rev-parse', 'main')).toBe(newer);
		expect(service.getSnapshot().running).toBe(0);
	});

	it('confirmed, the remote moved and our own fetch brought the new commit in: still rejected', async () => {
		const {bare, other, service} = await divergedMirror();
		const [confirmation] = (await service.push({})).needsConfirmation;
		const newer = commit(other, 'pushed while the dialog was open');
		git(other, 'push', '-q', 'origin', 'main');
		// The dashboard's own fetch (F, background refresh) moves the tracking ref: the lease stays on what the dialog showed.
		await service.fetch({remotes: ['mirror']});

		const report = await service.confirmForcePush(confirmation!);

		expect(report.results[0]).toMatchObject({remote: 'mirror', status: 'rejected'});
		expect(git(bare, 'rev-parse', 'main')).toBe(newer);
	});

	it('confirmation pushes the sha the user was shown, even if the local branch moved since', async () => {
		const {repo, bare, ours, service} = await divergedMirror();
		const [confirmation] = (await service.push({})).needsConfirmation;
		commit(repo, 'after the dialog opened');
		const report = await service.confirmForcePush(confirmation!);
		expect(report.results[0]).toMatchObject({status: 'pushed', sha: ours});
		expect(git(bare, 'rev-parse', 'main')).toBe(ours);
	});
});

describe('force_push allow through the service: our own fetch is not a review', () => {
	it("a fetch brought the teammate's commit into the tracking ref; push() refuses to force it away", async () => {
		const {repo, bare, theirs, service} = await divergedMirror();
		const {service: allowing} = await serviceFor(repo, {config: {remotes: {mirror: {force_push: 'allow', retry: 0}}, offline_queue: false}});
		await service.dispose();
		await allowing.fetch({remotes: ['mirror']});
		expect(git(repo, 'rev-parse', 'refs/remotes/mirror/main')).toBe(theirs);

		const outcome = await allowing.push({});

		expect(outcome.results[0]).toMatchObject({remote: 'mirror', status: 'rejected'});
		expect(outcome.results[0]?.error).toMatch(/never integrated.*fetch and review first/);
		expect(git(bare, 'rev-parse', 'main')).toBe(theirs);
	});
});
