import {execFileSync} from 'node:child_process';
import {chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {addBareRemote, commit, git, makeRepo, startRefusingPort} from '../harness/index.js';
import {readQueue, writeRepoConfig} from '../reliability/support.js';
import {parseJson, runCli} from './run-cli.js';

type Result = {remote: string; branch: string; status: string; attempts: number; sha?: string; error?: string; message?: string};
type OperationJson = {results: Result[]};

const fast = {retry_base_delay: 0.01, retry_max_delay: 0.02};
const queueFile = (repo: string) => path.join(repo, '.git', 'remote-sync', 'queue.json');

/** What another remote-sync process leaves behind: a queue file holding `entries`. */
function writeQueue(repo: string, entries: Array<{remote: string; branch: string; sha: string}>): void {
	mkdirSync(path.dirname(queueFile(repo)), {recursive: true});
	const at = '2024-01-01T00:00:00.000Z';
	const full = entries.map(entry => ({...entry, attempts: 1, lastError: 'unreachable', queuedAt: at, lastAttemptAt: at}));
	writeFileSync(queueFile(repo), `${JSON.stringify({version: 1, entries: full}, null, 2)}\n`);
}

describe('offline queue: a successful push removes only what it delivered', () => {
	it('keeps a newer sha queued for the same ref while an older one was pushed', async () => {
		const repo = makeRepo();
		const bare = addBareRemote(repo, 'origin');
		writeRepoConfig(repo, fast);
		const older = commit(repo, 'older');
		const newer = commit(repo, 'newer, queued by another run');
		// The branch is back at `older` for this run: another process queued `newer` meanwhile.
		git(repo, 'reset', '-q', '--hard', older);
		writeQueue(repo, [{remote: 'origin', branch: 'main', sha: newer}]);

		const run = await runCli(['--push', '--json'], {cwd: repo});
		expect(parseJson<OperationJson>(run).results).toMatchObject([{remote: 'origin', status: 'pushed'}]);
		expect(git(bare, 'rev-parse', 'main')).toBe(older);
		expect(readQueue(repo).map(entry => entry.sha)).toEqual([newer]);
	});

	it('removes the entry it delivered', async () => {
		const repo = makeRepo();
		addBareRemote(repo, 'origin');
		writeRepoConfig(repo, fast);
		const queued = commit(repo, 'queued earlier');
		commit(repo, 'on top');
		writeQueue(repo, [{remote: 'origin', branch: 'main', sha: queued}]);
		expect((await runCli(['--push'], {cwd: repo})).exitCode).toBe(0);
		expect(readQueue(repo)).toEqual([]);
	});

	it('a queue that cannot be written after the push landed: the push is reported pushed, with a queue warning', async () => {
		const repo = makeRepo();
		const bare = addBareRemote(repo, 'origin');
		writeRepoConfig(repo, fast);
		const sha = commit(repo, 'lands, then the queue breaks');
		writeQueue(repo, [{remote: 'origin', branch: 'main', sha}]);
		// Once the remote has the commit, the queue file turns into something we cannot use.
		const hook = path.join(bare, 'hooks', 'post-receive');
		writeFileSync(hook, `#!/bin/sh\nrm -f '${queueFile(repo)}'\nmkfifo '${queueFile(repo)}'\n`);
		chmodSync(hook, 0o755);

		const run = await runCli(['--push', '--json'], {cwd: repo});
		const [result] = parseJson<OperationJson>(run).results;
		expect(result).toMatchObject({remote: 'origin', status: 'pushed'});
		expect(result!.message).toMatch(/warning: origin\/main was pushed, but its queue entry could not be removed: .*queue\.json is a named pipe/);
		expect(git(bare, 'rev-parse', 'main')).toBe(sha);
		expect(run.exitCode).toBe(0);
	});
});

describe('offline queue: entries record what really happened', () => {
	it('a queued push records the attempts it made (retries included)', async () => {
		const repo = makeRepo();
		const away = await startRefusingPort();
		git(repo, 'remote', 'add', 'away', away.url);
		writeRepoConfig(repo, {...fast, remotes: {away: {retry: 2}}});
		const run = await runCli(['--push', '--json'], {cwd: repo});
		const [result] = parseJson<OperationJson>(run).results;
		expect(result).toMatchObject({status: 'queued', attempts: 3});
		expect(readQueue(repo).map(entry => entry.attempts)).toEqual([3]);
		// Retried with one retry: two more attempts on the same entry.
		writeRepoConfig(repo, {...fast, remotes: {away: {retry: 1}}});
		await runCli(['--process-queue'], {cwd: repo});
		expect(readQueue(repo).map(entry => entry.attempts)).toEqual([5]);
	});
});

describe('offline queue: a queue path that is not a regular file', () => {
	it('a FIFO is an error naming the path and the next step, never a hang', async () => {
		const repo = makeRepo();
		addBareRemote(repo, 'origin');
		mkdirSync(path.dirname(queueFile(repo)), {recursive: true});
		execFileSync('mkfifo', [queueFile(repo)]);
		for (const action of ['--push', '--show-queue']) {
			const run = await runCli([action], {cwd: repo, timeoutMs: 30_000});
			expect(run.exitCode, run.stderr).toBe(1);
			expect(run.stderr).toContain(`${queueFile(repo)} is a named pipe (FIFO), not a regular file: move it away`);
			expect(run.stderr).not.toMatch(/\n\s+at /);
		}
	});
});

describe("offline queue: the old tool's .remote-sync-queue.json is imported only when asked", () => {
	it('warns with the file and the flag, changes nothing, and imports on --import-legacy-queue', async () => {
		const repo = makeRepo();
		addBareRemote(repo, 'origin');
		const sha = commit(repo, 'queued by the old tool');
		const legacy = path.join(repo, '.remote-sync-queue.json');
		const text = JSON.stringify([{remote: 'origin', branch: 'main', sha}]);
		writeFileSync(legacy, text);

		for (const args of [['--status', '--no-fetch'], ['--process-queue'], ['--import-legacy-queue', '--dry-run']]) {
			const run = await runCli(args, {cwd: repo});
			expect(run.stderr, args.join(' ')).toContain(`found the old tool's queue ${legacy}: not imported`);
			expect(run.stderr).toContain('remote-sync --import-legacy-queue');
			expect(readQueue(repo)).toEqual([]);
			expect(readFileSync(legacy, 'utf8')).toBe(text);
		}

		const run = await runCli(['--import-legacy-queue', '--json'], {cwd: repo});
		expect(run.exitCode, run.stderr).toBe(0);
		expect(parseJson(run)).toMatchObject({from: legacy, renamedTo: `${legacy}.imported`, imported: 1, skipped: 0, entries: [{remote: 'origin', branch: 'main', sha}]});
		expect(existsSync(legacy)).toBe(false);
		expect(readQueue(repo).map(entry => entry.sha)).toEqual([sha]);
		const again = await runCli(['--import-legacy-queue'], {cwd: repo});
		expect(again.stdout).toContain('no old queue to import');
		expect(again.stderr).not.toContain('found the old tool');
	});

	it('--import-legacy-queue takes no other action', async () => {
		const run = await runCli(['--import-legacy-queue', '--push'], {cwd: makeRepo()});
		expect(run.exitCode).toBe(2);
		expect(run.stderr).toContain('choose one action');
	});
});

describe("offline queue: a queued push is delivered only under the remote's config of now", () => {
	it('an entry for a branch the remote no longer takes is skipped with the reason, never pushed, and kept', async () => {
		const repo = makeRepo();
		const bare = addBareRemote(repo, 'mirror');
		git(repo, 'checkout', '-q', '-b', 'private');
		const secret = commit(repo, 'private work');
		git(repo, 'checkout', '-q', 'main');
		writeRepoConfig(repo, {...fast, remotes: {mirror: {branches: ['main']}}});
		writeQueue(repo, [{remote: 'mirror', branch: 'private', sha: secret}]);

		for (const args of [['--process-queue', '--json', '--dry-run'], ['--process-queue', '--json']]) {
			const run = await runCli(args, {cwd: repo});
			const [result] = parseJson<OperationJson>(run).results;
			expect(result, args.join(' ')).toMatchObject({remote: 'mirror', branch: 'private', status: 'skipped'});
			expect(result!.message).toContain('mirror no longer takes branch private (branches: main)');
			expect(result!.message).toContain('entry kept');
		}

		expect(() => git(bare, 'rev-parse', '--verify', '--quiet', 'refs/heads/private')).toThrow();
		expect(readQueue(repo).map(entry => `${entry.remote}/${entry.branch}`)).toEqual(['mirror/private']);
	});

	it('an entry for a disabled remote is skipped and kept', async () => {
		const repo = makeRepo();
		const bare = addBareRemote(repo, 'mirror');
		const sha = commit(repo, 'not for a disabled remote');
		writeRepoConfig(repo, {...fast, remotes: {mirror: {enabled: false}}});
		writeQueue(repo, [{remote: 'mirror', branch: 'main', sha}]);
		const run = await runCli(['--process-queue', '--json'], {cwd: repo});
		const [result] = parseJson<OperationJson>(run).results;
		expect(result).toMatchObject({remote: 'mirror', status: 'skipped'});
		expect(result!.message).toContain('disabled');
		expect(git(bare, 'rev-parse', 'main')).not.toBe(sha);
		expect(readQueue(repo)).toHaveLength(1);
	});
});
