import {readFileSync, renameSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:net';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {classifyStderr, summarizeStderr} from '../../../source/core/git/classify.js';
import {runGit} from '../../../source/core/git/runner.js';
import type {OperationResult, QueueEntry} from '../../../source/core/model.js';
import {processQueue} from '../../../source/core/queue/process-queue.js';
import {QueueStore} from '../../../source/core/queue/queue-store.js';
import {addBareRemote, commit, git, makeRepo} from '../../harness/index.js';
import {isolateProductGit} from './helpers.js';

isolateProductGit();

/** The simplest real push: what the service injects, minus retries, VPN and progress. */
function realPush(cwd: string) {
	const calls: string[] = [];
	const push = async (entry: QueueEntry, sha: string): Promise<OperationResult> => {
		calls.push(`${entry.remote}:${sha}`);
		const out = await runGit({args: ['push', '--porcelain', entry.remote, `${sha}:refs/heads/${entry.branch}`], cwd, timeoutMs: 20_000});
		const base = {remote: entry.remote, branch: entry.branch, durationMs: out.durationMs, attempts: 1, sha};
		if (out.exitCode === 0) return {...base, status: out.stdout.includes('[up to date]') ? 'up-to-date' : 'pushed'};
		const cls = classifyStderr(`${out.stderr}\n${out.stdout}`);
		return {...base, status: cls === 'rejected' ? 'rejected' : 'failed', errorClass: cls, error: summarizeStderr(`${out.stderr}\n${out.stdout}`)};
	};

	return {push, calls};
}

/** A loopback port nothing listens on: connecting is refused at once. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as {port: number};
	await new Promise(resolve => server.close(resolve));
	return port;
}

const at = (minute: number) => new Date(Date.UTC(2024, 0, 1, 0, minute));

/**
 * main went c0 → c1, was rewritten back to c0 → c2 → c3. Three remotes hold c0; their
 * queued shas are c3 (still the tip), c2 (an ancestor of it) and c1 (no longer on main).
 */
async function scenario() {
	const repo = makeRepo();
	const c0 = git(repo, 'rev-parse', 'HEAD');
	const bares = {current: addBareRemote(repo, 'current'), ancestor: addBareRemote(repo, 'ancestor'), stale: addBareRemote(repo, 'stale')};
	const c1 = commit(repo, 'abandoned');
	git(repo, 'reset', '-q', '--hard', c0);
	const c2 = commit(repo, 'two');
	const c3 = commit(repo, 'three');
	const store = await QueueStore.open(repo);
	await store.enqueue({remote: 'current', branch: 'main', sha: c3, error: 'unreachable', at: at(1)});
	await store.enqueue({remote: 'ancestor', branch: 'main', sha: c2, error: 'unreachable', at: at(2)});
	await store.enqueue({remote: 'stale', branch: 'main', sha: c1, error: 'unreachable', at: at(3)});
	const remoteMain = (bare: string) => git(bare, 'rev-parse', 'main');
	return {repo, store, bares, c0, c1, c2, c3, remoteMain};
}

describe('process-queue: retrying queued pushes against real remotes', () => {
	it('pushes the tip for current and ancestor entries, removes them, and keeps a stale one, reported', async () => {
		const {repo, store, bares, c0, c1, c3, remoteMain} = await scenario();
		const {push, calls} = realPush(repo);
		const stale: Array<[string, string]> = [];
		const report = await processQueue({cwd: repo, store, dryRun: false, push, onStale: (entry, tip) => stale.push([entry.remote, tip])});

		expect(report.results.map(result => [result.remote, result.status, result.sha])).toEqual([
			['current', 'pushed', c3],
			['ancestor', 'pushed', c3],
			['stale', 'skipped', c1],
		]);
		expect(report.results[2]!.message).toMatch(/queued commit .* is no longer on main .*entry kept.*--clear-queue --remote stale --branch main/);
		expect(report.summary).toEqual({succeeded: 2, failed: 0, blocked: 0, skipped: 1, queued: 0});
		expect(calls).toEqual([`current:${c3}`, `ancestor:${c3}`]);
		expect(stale).toEqual([['stale', c3]]);
		expect([remoteMain(bares.current), remoteMain(bares.ancestor), remoteMain(bares.stale)]).toEqual([c3, c3, c0]);
		expect(await store.list()).toEqual([expect.objectContaining({remote: 'stale', sha: c1, attempts: 1})]);
	});

	it('dry-run reports would-push, calls no push and leaves the queue file byte-for-byte unchanged', async () => {
		const {repo, store, bares, c0, c3, remoteMain} = await scenario();
		const before = readFileSync(store.path);
		const report = await processQueue({
			cwd: repo,
			store,
			dryRun: true,
			push: async () => {
				throw new Error('dry-run must not push');
			},
		});
		expect(report.results.map(result => [result.remote, result.status])).toEqual([
			['current', 'would-push'],
			['ancestor', 'would-push'],
			['stale', 'skipped'],
		]);
		expect(report.results[1]!.sha).toBe(c3);
		expect(readFileSync(store.path).equals(before)).toBe(true);
		expect([remoteMain(bares.current), remoteMain(bares.ancestor), remoteMain(bares.stale)]).toEqual([c0, c0, c0]);
	});

	it('retries only the remotes and branch asked for', async () => {
		const {repo, store} = await scenario();
		const {push, calls} = realPush(repo);
		const report = await processQueue({cwd: repo, store, dryRun: false, push, filter: {remotes: ['ancestor']}});
		expect(report.results.map(result => result.remote)).toEqual(['ancestor']);
		expect(calls).toHaveLength(1);
		expect((await store.list()).map(entry => entry.remote)).toEqual(['current', 'stale']);
		expect((await processQueue({cwd: repo, store, dryRun: false, push, filter: {branch: 'dev'}})).results).toEqual([]);
	});

	it('keeps an entry that fails again for a network reason: attempts, error (redacted) and time updated', async () => {
		const repo = makeRepo();
		const tip = commit(repo, 'two');
		const port = await closedPort();
		git(repo, 'remote', 'add', 'offline', `http://alice:s3cret@127.0.0.1:${port}/repo.git`);
		const store = await QueueStore.open(repo);
		await store.enqueue({remote: 'offline', branch: 'main', sha: tip, error: 'first', at: at(1)});
		const {push} = realPush(repo);
		const report = await processQueue({cwd: repo, store, dryRun: false, push, now: () => at(9)});

		expect(report.results[0]).toMatchObject({remote: 'offline', status: 'queued'});
		expect(report.summary.queued).toBe(1);
		const [entry] = await store.list();
		expect(entry).toMatchObject({sha: tip, attempts: 2, queuedAt: at(1).toISOString(), lastAttemptAt: at(9).toISOString()});
		expect(entry!.lastError).toMatch(/127\.0\.0\.1/);
		expect(readFileSync(store.path, 'utf8')).not.toContain('s3cret');
	});

	it('keeps a rejected entry with its error: the user decides, nothing is dropped', async () => {
		const repo = makeRepo();
		const c0 = git(repo, 'rev-parse', 'HEAD');
		const bare = addBareRemote(repo, 'moved');
		const theirs = commit(repo, 'theirs');
		git(repo, 'push', '-q', 'moved', `${theirs}:refs/heads/main`);
		git(repo, 'reset', '-q', '--hard', c0);
		const ours = commit(repo, 'ours');
		const store = await QueueStore.open(repo);
		await store.enqueue({remote: 'moved', branch: 'main', sha: ours, error: 'unreachable', at: at(1)});
		const report = await processQueue({cwd: repo, store, dryRun: false, push: realPush(repo).push});

		expect(report.results[0]).toMatchObject({status: 'rejected', errorClass: 'rejected'});
		expect(report.summary.failed).toBe(1);
		expect(git(bare, 'rev-parse', 'main')).toBe(theirs);
		const [entry] = await store.list();
		expect(entry).toMatchObject({sha: ours, attempts: 2});
		expect(entry!.lastError).toMatch(/rejected|fetch first|non-fast-forward/);
	});

	it('keeps a newer failure another process queued for the same ref while we pushed', async () => {
		const {repo, store, c3} = await scenario();
		const {push} = realPush(repo);
		const newer = 'e'.repeat(40);
		const report = await processQueue({
			cwd: repo,
			store,
			dryRun: false,
			filter: {remotes: ['current']},
			push: async (entry, sha) => {
				const other = await QueueStore.open(repo);
				await other.enqueue({remote: 'current', branch: 'main', sha: newer, error: 'later failure', at: at(30)});
				return push(entry, sha);
			},
		});
		expect(report.results[0]).toMatchObject({status: 'pushed', sha: c3});
		expect((await store.list()).find(entry => entry.remote === 'current')).toMatchObject({sha: newer, lastError: 'later failure'});
	});

	it('still reports the push when the queue cannot be updated afterwards', async () => {
		const {repo, store, bares, c3, remoteMain} = await scenario();
		const {push} = realPush(repo);
		const dir = path.dirname(store.path);
		const report = await processQueue({
			cwd: repo,
			store,
			dryRun: false,
			filter: {remotes: ['current']},
			push: async (entry, sha) => {
				const result = await push(entry, sha);
				// The queue's directory becomes unusable between the push and its bookkeeping.
				renameSync(dir, `${dir}.moved`);
				writeFileSync(dir, 'in the way');
				return result;
			},
		});
		expect(report.results[0]).toMatchObject({status: 'pushed', sha: c3});
		expect(report.results[0]!.message).toMatch(/queue could not be updated: cannot write the offline queue/);
		expect(remoteMain(bares.current)).toBe(c3);
	});

	it('skips, keeps and explains an entry whose local branch was deleted', async () => {
		const repo = makeRepo();
		git(repo, 'branch', 'topic');
		const sha = git(repo, 'rev-parse', 'topic');
		git(repo, 'branch', '-q', '-D', 'topic');
		const store = await QueueStore.open(repo);
		await store.enqueue({remote: 'origin', branch: 'topic', sha, error: 'e', at: at(1)});
		const {push, calls} = realPush(repo);
		const report = await processQueue({cwd: repo, store, dryRun: false, push});
		expect(report.results[0]).toMatchObject({status: 'skipped', message: expect.stringMatching(/branch topic no longer exists.*kept/)});
		expect(calls).toEqual([]);
		expect(await store.list()).toHaveLength(1);
	});

	it('reports a push that throws as failed and keeps the entry', async () => {
		const repo = makeRepo();
		const store = await QueueStore.open(repo);
		const tip = git(repo, 'rev-parse', 'HEAD');
		await store.enqueue({remote: 'origin', branch: 'main', sha: tip, error: 'e', at: at(1)});
		const report = await processQueue({
			cwd: repo,
			store,
			dryRun: false,
			push: async () => {
				throw new Error('boom at https://u:pw@example.invalid/x');
			},
		});
		expect(report.results[0]).toMatchObject({status: 'failed', error: 'boom at https://***@example.invalid/x'});
		expect(await store.list()).toEqual([expect.objectContaining({remote: 'origin', attempts: 2})]);
	});
});
