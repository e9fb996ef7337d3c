import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseJson, runCli} from '../cli/run-cli.js';
import {addBareRemote, commit, git, makeBare, makeRepo, startRefusingPort, tempDir} from '../harness/index.js';
import {expectCleanEnd, readQueue, stackTrace, writeRepoConfig} from './support.js';

type PushJson = {results: Array<{remote: string; branch: string; status: string; error?: string; message?: string}>; notes?: string[]};

const fast = {retry_base_delay: 0.01, retry_max_delay: 0.02};

describe('the machine and the repository are not what we expect', () => {
	it('git missing from PATH: exit 2 with one clear line for every action, no stack trace', async () => {
		const repo = makeRepo();
		const noGit = tempDir('rst-empty-path-');
		for (const args of [['--push', '--json'], ['--health-check'], ['--show-queue'], ['init']]) {
			const run = await runCli(args, {cwd: repo, env: {PATH: noGit}});
			expect(run.exitCode, args.join(' ')).toBe(2);
			expect(run.stdout).toBe('');
			expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/git was not found on PATH: install git/)]);
			expect(run.stderr).not.toMatch(stackTrace);
		}
	});

	it('a detached HEAD: push needs --branch (exit 2, saying so), and works with it', async () => {
		const repo = makeRepo();
		const bare = addBareRemote(repo, 'origin');
		const sha = commit(repo, 'on main');
		git(repo, 'checkout', '-q', '--detach');
		const refused = await runCli(['--push'], {cwd: repo});
		expect(refused.exitCode).toBe(2);
		expect(refused.stderr).toContain('HEAD is detached: pass --branch NAME');
		expectCleanEnd(refused);

		const pushed = await runCli(['--push', '--branch', 'main', '--json'], {cwd: repo});
		expect(parseJson<PushJson>(pushed).results).toEqual([expect.objectContaining({remote: 'origin', branch: 'main', status: 'pushed'})]);
		expect(git(bare, 'rev-parse', 'main')).toBe(sha);
		const health = await runCli(['--health-check'], {cwd: repo});
		expect(health.exitCode).toBe(0);
	});

	it('an empty repository (no commit yet): status and push say why nothing happens, exit 0', async () => {
		const repo = tempDir('rst-empty-');
		git(repo, 'init', '-q', '-b', 'main');
		const bare = makeBare();
		git(repo, 'remote', 'add', 'origin', bare);
		for (const args of [['--status', '--json'], ['--fetch'], ['--health-check'], ['--show-queue']]) {
			const run = await runCli(args, {cwd: repo});
			expectCleanEnd(run, args.join(' '));
			expect(run.exitCode, args.join(' ')).toBe(0);
		}

		const push = await runCli(['--push', '--json'], {cwd: repo});
		expect(parseJson<PushJson>(push).results).toEqual([expect.objectContaining({remote: 'origin', status: 'skipped', message: expect.stringContaining('does not exist locally')})]);
		expect(push.exitCode).toBe(0);
		const pushAll = await runCli(['--push-all', '--json'], {cwd: repo});
		expect(parseJson<PushJson>(pushAll).notes).toEqual(['no local branch to push yet: make a first commit']);
		expect(git(bare, 'for-each-ref')).toBe('');
	});

	it('a shallow clone pushes where the remote has the history, and is refused (not crashed) where it lacks it', async () => {
		const source = makeRepo();
		for (let i = 0; i < 3; i++) commit(source, `history ${i}`);
		const origin = makeBare();
		git(source, 'push', '-q', origin, 'main');
		const shallow = path.join(tempDir('rst-shallow-'), 'clone');
		git(path.dirname(shallow), 'clone', '-q', '--depth', '1', `file://${origin}`, shallow);
		const empty = makeBare();
		git(shallow, 'remote', 'add', 'fresh', empty);
		const sha = commit(shallow, 'work in a shallow clone');
		const run = await runCli(['--push', '--json'], {cwd: shallow});
		expectCleanEnd(run);
		const results = Object.fromEntries(parseJson<PushJson>(run).results.map(result => [result.remote, result]));
		expect(results.origin).toMatchObject({status: 'pushed'});
		expect(results.fresh).toMatchObject({status: 'rejected', error: expect.stringContaining('shallow')});
		expect(git(origin, 'rev-parse', 'main')).toBe(sha);
		expect(run.exitCode).toBe(1);
	});

	it('a bare repository: exit 2 saying to run inside a checkout', async () => {
		const bare = makeBare();
		for (const args of [['--status'], ['--push'], ['--show-queue']]) {
			const run = await runCli(args, {cwd: bare});
			expect(run.exitCode, args.join(' ')).toBe(2);
			expect(run.stderr).toMatch(/not a work tree.*run inside a checkout or pass --cwd/);
			expectCleanEnd(run);
		}
	});

	it('a linked worktree pushes its own branch and shares one queue with the main checkout', async () => {
		const repo = makeRepo();
		const bare = addBareRemote(repo, 'origin');
		const refused = await startRefusingPort();
		git(repo, 'remote', 'add', 'away', refused.url);
		writeRepoConfig(repo, {...fast, remotes: {away: {retry: 0}}});
		const worktree = path.join(tempDir('rst-wt-'), 'linked');
		git(repo, 'worktree', 'add', '-q', '-b', 'topic', worktree);
		writeRepoConfig(worktree, {...fast, remotes: {away: {retry: 0}}});
		const sha = commit(worktree, 'in the worktree');
		const subdir = path.join(worktree, 'nested', 'deeper');
		mkdirSync(subdir, {recursive: true});

		const run = await runCli(['--push', '--json'], {cwd: subdir});
		const results = Object.fromEntries(parseJson<PushJson>(run).results.map(result => [result.remote, result]));
		expect(results.origin).toMatchObject({branch: 'topic', status: 'pushed'});
		expect(results.away).toMatchObject({branch: 'topic', status: 'queued'});
		expect(run.exitCode).toBe(3);
		expect(git(bare, 'rev-parse', 'topic')).toBe(sha);
		// One queue per repository, in the common git dir: the main checkout sees it.
		expect(readQueue(repo)).toEqual([expect.objectContaining({remote: 'away', branch: 'topic', sha})]);
		const shown = await runCli(['--show-queue', '--json'], {cwd: repo});
		expect(parseJson<{entries: Array<{branch: string}>}>(shown).entries.map(entry => entry.branch)).toEqual(['topic']);
	});

	it('paths with spaces and unicode, for the repository, a remote and the working directory', async () => {
		const root = path.join(tempDir('rst-odd-'), 'my projects', 'ünïcødé ✓ dir');
		mkdirSync(root, {recursive: true});
		const repo = makeRepo(root);
		const remoteDir = path.join(tempDir('rst-odd-remote-'), 'backup drive', 'répo $HOME `x`.git');
		mkdirSync(remoteDir, {recursive: true});
		makeBare(remoteDir);
		git(repo, 'remote', 'add', 'backup', remoteDir);
		git(repo, 'push', '-q', 'backup', 'main');
		const mirrorDir = path.join(path.dirname(remoteDir), 'mïrror ✓.git');
		mkdirSync(mirrorDir);
		makeBare(mirrorDir);
		// A remote git knows (a repo file's own `url` would need `remote-sync trust` first).
		git(repo, 'remote', 'add', 'mirror-✓', mirrorDir);
		writeRepoConfig(repo, {remotes: {'mirror-✓': {priority: 2}}});
		const sha = commit(repo, 'ünïcødé commit ✓');
		const inner = path.join(repo, 'sub dir ü');
		mkdirSync(inner);

		for (const args of [['--status', '--json'], ['--fetch', '--json'], ['--health-check', '--json']]) {
			const run = await runCli(args, {cwd: inner});
			expectCleanEnd(run, args.join(' '));
			expect(run.exitCode, `${args.join(' ')}\n${run.stderr}`).toBe(0);
		}

		const push = await runCli(['--push', '--json', '--cwd', inner], {cwd: tempDir()});
		expect(parseJson<PushJson>(push).results.map(result => [result.remote, result.status])).toEqual([
			['backup', 'pushed'],
			['mirror-✓', 'pushed'],
		]);
		expect(git(remoteDir, 'rev-parse', 'main')).toBe(sha);
		expect(git(mirrorDir, 'rev-parse', 'main')).toBe(sha);
	});
});
