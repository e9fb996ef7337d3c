import {existsSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {RemoteRow} from '../../../source/core/snapshot.js';
import type {SyncService} from '../../../source/core/sync-service.js';
import {addBareRemote, commit, git, makeBare, makeRepo, onCleanup, startHttpGit, startSilentSocket, tempDir, waitFor} from '../../harness/index.js';
import {isolateProductGit, serviceFor} from './helpers.js';

isolateProductGit();

const row = (service: SyncService, name: string): RemoteRow => service.getSnapshot().remotes.find(candidate => candidate.name === name)!;

/** Start the dashboard's live mode the way the app does, stopped after the test. */
function startLive(service: SyncService): void {
	onCleanup(service.startLive());
}

/** Someone else pushes a new commit to `bare`'s main (from their own clone). */
function pushBySomeoneElse(bare: string): string {
	const theirs = path.join(tempDir(), 'theirs');
	git(tempDir(), 'clone', '-q', bare, theirs);
	const sha = commit(theirs, 'theirs');
	git(theirs, 'push', '-q', 'origin', 'main');
	return sha;
}

describe('live status: state first, network second (SPEC §5 "Live")', () => {
	it('every row shows its tracking-ref state at once; a healthy remote updates when its own fetch ends; a silent one ends stale', async () => {
		const repo = makeRepo();
		const fast = addBareRemote(repo, 'fast');
		const silent = await startSilentSocket();
		onCleanup(silent.stop);
		git(repo, 'remote', 'add', 'hung', silent.url);
		git(repo, 'update-ref', 'refs/remotes/hung/main', 'main');
		const theirs = pushBySomeoneElse(fast);
		const {service} = await serviceFor(repo, {config: {remotes: {hung: {timeout: 6, retry: 0}}}});

		startLive(service);
		// From the refs, before any fetch answered: fast is still in sync with what we saw.
		await waitFor(() => service.getSnapshot().remotes.every(candidate => candidate.status !== undefined), {timeoutMs: 20_000});
		expect(row(service, 'hung').status?.state).toBe('in-sync');

		await waitFor(() => row(service, 'fast').status?.state === 'behind', {timeoutMs: 20_000, message: 'fast never showed its fetched state'});
		expect(row(service, 'fast').status?.remoteSha).toBe(theirs);
		// ... while the silent host is still being waited for.
		expect(row(service, 'hung').activity?.kind).toBe('fetch');

		await waitFor(() => row(service, 'hung').status?.stale === true, {timeoutMs: 30_000, message: 'the silent remote never ended stale'});
		expect(row(service, 'hung').status).toMatchObject({state: 'in-sync', stale: true, fetchError: {class: 'timeout'}});
		await waitFor(() => service.getSnapshot().refreshedAt !== undefined, {timeoutMs: 20_000});
		// A background read is not a write: nothing would make quit ask.
		expect(service.getSnapshot().writing).toBe(0);
	});

	it('a commit, a branch switch, a plain push and packed refs made elsewhere show without being asked', async () => {
		const repo = makeRepo();
		const bare = addBareRemote(repo, 'origin');
		const {service} = await serviceFor(repo, {config: {auto_fetch: false, refresh_interval: 0}});
		startLive(service);
		await waitFor(() => row(service, 'origin').status?.state === 'in-sync', {timeoutMs: 20_000});

		const sha = commit(repo, 'from another shell');
		await waitFor(() => service.getSnapshot().repo.localSha === sha && row(service, 'origin').status?.state === 'ahead', {timeoutMs: 20_000, message: 'the commit never showed'});

		git(repo, 'push', '-q', 'origin', 'main');
		expect(git(bare, 'rev-parse', 'main')).toBe(sha);
		await waitFor(() => row(service, 'origin').status?.state === 'in-sync', {timeoutMs: 20_000, message: 'the plain push never showed'});

		git(repo, 'checkout', '-q', '-b', 'topic');
		await waitFor(() => service.getSnapshot().repo.branches.includes('topic') && row(service, 'origin').status?.branch === 'topic', {timeoutMs: 20_000, message: 'the checkout never showed'});
		expect(service.getSnapshot().repo.branch).toBe('topic');
		expect(row(service, 'origin').status).toMatchObject({branch: 'topic', state: 'missing'});

		git(repo, 'pack-refs', '--all', '--prune');
		git(repo, 'update-ref', 'refs/remotes/origin/topic', 'HEAD');
		await waitFor(() => row(service, 'origin').status?.state === 'in-sync', {timeoutMs: 20_000, message: 'a ref next to packed refs never showed'});
	});

	it('works in a linked worktree: HEAD in its own git dir, refs in the common dir', async () => {
		const main = makeRepo();
		addBareRemote(main, 'origin');
		const worktree = path.join(tempDir(), 'wt');
		git(main, 'worktree', 'add', '-q', '-b', 'side', worktree);
		const {service} = await serviceFor(worktree, {config: {auto_fetch: false, refresh_interval: 0}});
		startLive(service);
		await waitFor(() => row(service, 'origin').status?.state === 'missing', {timeoutMs: 20_000});

		const sha = commit(worktree, 'in the worktree');
		await waitFor(() => service.getSnapshot().repo.localSha === sha, {timeoutMs: 20_000, message: 'the worktree commit never showed'});
		git(main, 'update-ref', 'refs/remotes/origin/side', sha);
		await waitFor(() => row(service, 'origin').status?.state === 'in-sync', {timeoutMs: 20_000, message: 'a tracking ref written from the main work tree never showed'});
	});
});

describe('background refresh every refresh_interval (SPEC §2, §5)', () => {
	it('shows a push made by someone else, and asks a password-protected remote only once', async () => {
		const repo = makeRepo();
		const fast = addBareRemote(repo, 'fast');
		const root = tempDir();
		git(root, 'init', '-q', '--bare', 'locked.git');
		const http = await startHttpGit({projectRoot: root, user: 'u', password: 'secret'});
		onCleanup(http.stop);
		git(repo, 'remote', 'add', 'locked', http.url('locked.git'));
		const {service} = await serviceFor(repo, {config: {refresh_interval: 1, remotes: {locked: {retry: 0}}}});

		startLive(service);
		await waitFor(() => row(service, 'locked').lastResult?.errorClass === 'auth-failed', {timeoutMs: 30_000, message: 'the locked remote never failed auth'});
		const asked = http.requests.length;
		expect(asked).toBeGreaterThan(0);

		const theirs = pushBySomeoneElse(fast);
		await waitFor(() => row(service, 'fast').status?.remoteSha === theirs, {timeoutMs: 30_000, message: 'the other push never showed'});
		// Two more refreshes ran, and neither asked the locked remote again.
		const refreshed = service.getSnapshot().refreshedAt!;
		await waitFor(() => (service.getSnapshot().refreshedAt ?? 0) > refreshed, {timeoutMs: 30_000});
		const again = service.getSnapshot().refreshedAt!;
		await waitFor(() => (service.getSnapshot().refreshedAt ?? 0) > again, {timeoutMs: 30_000});
		expect(http.requests.length).toBe(asked);

		// R is the user asking: then it is asked again.
		await service.refreshNow();
		expect(http.requests.length).toBeGreaterThan(asked);
	});

	it('never fetches a remote whose VPN is down (it would have to connect it)', async () => {
		const repo = makeRepo();
		const bare = makeBare();
		git(repo, 'remote', 'add', 'corp', bare);
		git(repo, 'push', '-q', 'corp', 'main');
		const marker = path.join(tempDir(), 'connected');
		const {service} = await serviceFor(repo, {
			config: {refresh_interval: 1, vpn: {office: {connect_cmd: `touch ${marker}`, check_cmd: 'false'}}, remotes: {corp: {vpn: 'office'}}},
		});
		startLive(service);
		await waitFor(() => service.getSnapshot().refreshedAt !== undefined, {timeoutMs: 20_000});
		const first = service.getSnapshot().refreshedAt!;
		await waitFor(() => (service.getSnapshot().refreshedAt ?? 0) > first, {timeoutMs: 20_000});
		expect(row(service, 'corp').lastResult).toBeUndefined();
		expect(service.getSnapshot().vpns.some(vpn => vpn.state === 'up-ours' || vpn.state === 'connecting')).toBe(false);
		expect(existsSync(marker)).toBe(false);
	});
});
