import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {addPreReceiveHook, buildFleet, commit, git, makeBare, makeRepo, startGitDaemon, tempDir} from '../harness/index.js';
import {parseJson, runCli} from './run-cli.js';

type PushJson = {
	results: Array<{remote: string; branch: string; status: string; attempts: number; error?: string; message?: string}>;
	summary: {succeeded: number; failed: number; blocked: number; skipped: number; queued: number};
	notes?: string[];
};

function mkdirp(dir: string): string {
	mkdirSync(dir, {recursive: true});
	return dir;
}

const fastRetry = {retry_base_delay: 0.01, retry_max_delay: 0.05};

function writeConfig(repo: string, config: object): void {
	writeFileSync(path.join(repo, '.remotesyncrc.json'), JSON.stringify(config, null, 2));
}

describe('remote-sync --push', () => {
	it('pushes to every remote in priority order; one dead remote changes no other result', async () => {
		const fleet = await buildFleet(['local', 'daemon', 'refused']);
		writeConfig(fleet.repo, {...fastRetry, offline_queue: false, remotes: {refused: {priority: 1, retry: 2}, daemon: {priority: 2}, local: {priority: 3}}});
		const sha = commit(fleet.repo, 'new work');
		const run = await runCli(['--push', '--json'], {cwd: fleet.repo});
		const doc = parseJson<PushJson>(run);
		expect(doc.results.map(result => [result.remote, result.status])).toEqual([
			['refused', 'failed'],
			['daemon', 'pushed'],
			['local', 'pushed'],
		]);
		expect(doc.results[0]!.attempts).toBe(3);
		expect(git(fleet.remotes.local!.bare!, 'rev-parse', 'main')).toBe(sha);
		expect(git(fleet.remotes.daemon!.bare!, 'rev-parse', 'main')).toBe(sha);
		expect(run.exitCode).toBe(1);
	});

	it('a hook rejection is not retried and not queued', async () => {
		const repo = makeRepo();
		const bare = makeBare();
		git(repo, 'remote', 'add', 'guarded', bare);
		git(repo, 'push', '-q', 'guarded', 'main');
		addPreReceiveHook(bare, 'echo "policy: no pushes today" >&2\nexit 1');
		writeConfig(repo, fastRetry);
		commit(repo, 'change');
		const doc = parseJson<PushJson>(await runCli(['--push', '--json'], {cwd: repo}));
		expect(doc.results[0]).toMatchObject({remote: 'guarded', status: 'rejected', attempts: 1});
		expect(doc.results[0]!.error).toContain('policy: no pushes today');
		expect(doc.summary.queued).toBe(0);
	});

	it('says why nothing was pushed when no remote takes the branch', async () => {
		const repo = makeRepo();
		git(repo, 'remote', 'add', 'mirror', makeBare());
		writeConfig(repo, {remotes: {mirror: {branches: ['release/*']}}});
		git(repo, 'checkout', '-q', '-b', 'topic');
		const run = await runCli(['--push', '--json'], {cwd: repo});
		const doc = parseJson<PushJson>(run);
		expect(doc.notes).toContain('no remote takes branch topic');
		expect(doc.results[0]).toMatchObject({remote: 'mirror', status: 'skipped'});
		const text = await runCli(['--push'], {cwd: repo});
		expect(text.stdout, text.stderr).toContain('no remote takes branch topic');
		expect(run.exitCode).toBe(0);
	});

	it('--push-all pushes every local branch each remote takes', async () => {
		const repo = makeRepo();
		const all = makeBare();
		const releases = makeBare();
		git(repo, 'remote', 'add', 'all', all);
		git(repo, 'remote', 'add', 'releases', releases);
		writeConfig(repo, {remotes: {releases: {branches: ['release/*', '!release/old*']}}});
		for (const branch of ['feature/x', 'release/1.0', 'release/old-0.9']) git(repo, 'branch', branch);
		const doc = parseJson<PushJson>(await runCli(['--push-all', '--json'], {cwd: repo}));
		const pushed = doc.results.filter(result => result.status === 'pushed').map(result => `${result.remote}:${result.branch}`);
		expect(pushed.sort()).toEqual(['all:feature/x', 'all:main', 'all:release/1.0', 'all:release/old-0.9', 'releases:release/1.0']);
		expect(git(releases, 'for-each-ref', '--format=%(refname)')).toBe('refs/heads/release/1.0');
	});

	it('--quiet prints nothing on success and only errors on failure', async () => {
		const fleet = await buildFleet(['local', 'refused']);
		writeConfig(fleet.repo, {...fastRetry, offline_queue: false, remotes: {refused: {retry: 0}}});
		commit(fleet.repo, 'x');
		const run = await runCli(['--push', '--quiet'], {cwd: fleet.repo});
		expect(run.stdout).toBe('');
		expect(run.stderr.trim().split('\n')).toHaveLength(1);
		expect(run.stderr).toContain('refused/main failed');
		expect(run.exitCode).toBe(1);
	});
});

/** A git daemon remote that holds main, then stops: it comes back with startGitDaemon({basePath: served, port: first.port}). */
async function remoteThatWentAway(retry: number) {
	const served = tempDir('rst-served-');
	const bare = makeBare(mkdirp(path.join(served, 'away.git')));
	const first = await startGitDaemon({basePath: served});
	const repo = makeRepo();
	git(repo, 'remote', 'add', 'away', first.url('away.git'));
	git(repo, 'push', '-q', 'away', 'main');
	await first.stop();
	writeConfig(repo, {...fastRetry, remotes: {away: {retry}}});
	return {served, bare, first, repo};
}

describe('offline queue through the program', () => {
	it('queues the unreachable push (exit 3), keeps it across runs, and delivers it when the remote is back', async () => {
		const {served, bare, first, repo} = await remoteThatWentAway(1);
		const sha = commit(repo, 'written on a train');

		const pushed = await runCli(['--push', '--json'], {cwd: repo});
		expect(parseJson<PushJson>(pushed).results[0]).toMatchObject({remote: 'away', status: 'queued', attempts: 2});
		expect(pushed.exitCode).toBe(3);

		const shown = await runCli(['--show-queue', '--json'], {cwd: path.join(repo)});
		expect(parseJson<{entries: Array<{remote: string; sha: string}>}>(shown).entries).toEqual([expect.objectContaining({remote: 'away', branch: 'main', sha})]);
		expect(shown.exitCode).toBe(3);
		// Inside the git directory, never in the work tree.
		expect(existsSync(path.join(repo, '.git', 'remote-sync', 'queue.json'))).toBe(true);
		expect(git(repo, 'status', '--porcelain', '--untracked-files=all')).toBe('?? .remotesyncrc.json');

		const dry = await runCli(['--process-queue', '--dry-run', '--json'], {cwd: repo});
		expect(dry.exitCode).not.toBe(2);
		const queueBefore = readFileSync(path.join(repo, '.git', 'remote-sync', 'queue.json'), 'utf8');

		await startGitDaemon({basePath: served, port: first.port});
		const processed = await runCli(['--process-queue', '--json'], {cwd: repo});
		expect(parseJson<PushJson>(processed).results[0]).toMatchObject({remote: 'away', status: 'pushed'});
		expect(processed.exitCode).toBe(0);
		expect(git(bare, 'rev-parse', 'main')).toBe(sha);
		expect(queueBefore).toContain(sha);
		const after = await runCli(['--show-queue', '--json'], {cwd: repo});
		expect(parseJson<{entries: unknown[]}>(after).entries).toEqual([]);
		expect(after.exitCode).toBe(0);
	});

	it('a health check that finds a queued remote reachable again delivers its pushes', async () => {
		const {served, bare, first, repo} = await remoteThatWentAway(0);
		const sha = commit(repo, 'offline work');
		expect((await runCli(['--push'], {cwd: repo})).exitCode).toBe(3);
		await startGitDaemon({basePath: served, port: first.port});
		const health = await runCli(['--health-check'], {cwd: repo});
		expect(health.exitCode).toBe(0);
		expect(git(bare, 'rev-parse', 'main')).toBe(sha);
		expect(parseJson<{entries: unknown[]}>(await runCli(['--show-queue', '--json'], {cwd: repo})).entries).toEqual([]);
	});

	it('--clear-queue with --remote clears only that remote; dry-run clears nothing', async () => {
		const fleet = await buildFleet(['local', 'refused', 'silent']);
		writeConfig(fleet.repo, {...fastRetry, remotes: {refused: {retry: 0}, silent: {retry: 0, timeout: 1}}});
		commit(fleet.repo, 'x');
		expect((await runCli(['--push'], {cwd: fleet.repo})).exitCode).toBe(3);
		const queueFile = path.join(fleet.repo, '.git', 'remote-sync', 'queue.json');
		const before = readFileSync(queueFile, 'utf8');
		await runCli(['--clear-queue', '--dry-run'], {cwd: fleet.repo});
		expect(readFileSync(queueFile, 'utf8')).toBe(before);
		const cleared = await runCli(['--clear-queue', '--remote', 'refused', '--json'], {cwd: fleet.repo});
		expect(JSON.parse(cleared.stdout)).toMatchObject({removed: 1, entries: [expect.objectContaining({remote: 'silent'})]});
	});
});
