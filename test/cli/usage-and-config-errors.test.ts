import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {brokenConfigs} from '../core/config/broken-corpus.js';
import {git, makeRepo, tempDir} from '../harness/index.js';
import {runCli} from './run-cli.js';

const noStack = /\n\s+at |\bat .*\.js:\d+/;

describe('broken configuration through the real program', () => {
	it.each(brokenConfigs.map(config => [config.name, config] as const))('%s: exit 2, one line naming the file and where', async (_name, config) => {
		const repo = makeRepo();
		for (const [name, url] of Object.entries(config.gitRemotes ?? {})) git(repo, 'remote', 'add', name, url);
		writeFileSync(path.join(repo, '.remotesyncrc.json'), config.text);
		const run = await runCli(['--push', '--json'], {cwd: repo});
		expect(run.exitCode).toBe(2);
		expect(run.stdout).toBe('');
		const lines = run.stderr.trim().split('\n');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toContain('.remotesyncrc.json');
		expect(lines[0]).toContain(config.at);
		expect(run.stderr).not.toMatch(noStack);
	});

	it('a missing --config file is exit 2 naming it', async () => {
		const repo = makeRepo();
		const run = await runCli(['--status', '--config', 'nope.json'], {cwd: repo});
		expect(run.exitCode).toBe(2);
		expect(run.stderr).toContain('nope.json');
		expect(run.stderr).not.toMatch(noStack);
	});

	it('an invalid REMOTE_SYNC_* value is an error, not ignored', async () => {
		const repo = makeRepo();
		const run = await runCli(['--status', '--no-fetch'], {cwd: repo, env: {REMOTE_SYNC_PARALLEL: 'maybe'}});
		expect(run.exitCode).toBe(2);
		expect(run.stderr).toContain('REMOTE_SYNC_PARALLEL');
	});
});

describe('usage errors', () => {
	it.each([
		[['--push', '--fetch'], 'choose one action'],
		[['--status', '--health-check'], 'choose one action'],
		[['--frobnicate'], 'frobnicate'],
		[['launch'], 'unknown command'],
		[['--remote', 'nope', '--status'], 'nope'],
		[['--group', 'nobody', '--status'], 'nobody'],
		[['--cwd', '/definitely/not/here', '--status'], 'not a directory'],
	])('%j → exit 2 (%s)', async (args, fragment) => {
		const repo = makeRepo();
		const run = await runCli(args, {cwd: repo});
		expect(run.exitCode).toBe(2);
		expect(run.stderr.toLowerCase()).toContain(fragment.toLowerCase());
		expect(run.stderr).not.toMatch(noStack);
	});

	it('outside a repository: exit 2 with what to do', async () => {
		const run = await runCli(['--status'], {cwd: tempDir()});
		expect(run.exitCode).toBe(2);
		expect(run.stderr).toMatch(/not a git repository.*--cwd/);
	});

	it('--help shows examples and exits 0; --version prints the version', async () => {
		const repo = makeRepo();
		const help = await runCli(['--help'], {cwd: repo});
		expect(help.exitCode).toBe(0);
		expect(help.stdout).toContain('Examples');
		const version = await runCli(['--version'], {cwd: repo});
		expect(version.exitCode).toBe(0);
		expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
	});
});

describe("the old tool's config and flags", () => {
	const briefExample = {
		remotes: {
			origin: {priority: 1, branches: ['*'], force_push: 'block'},
			'github-mirror': {priority: 2, branches: ['main', 'develop']},
			'internal-server': {priority: 3, branches: ['main'], vpn: 'corporate'},
		},
		vpn: {
			corporate: {
				connect_cmd: "networksetup -connectpppoeservice 'VPN'",
				disconnect_cmd: "networksetup -disconnectpppoeservice 'VPN'",
				check_cmd: "scutil --nc status 'VPN' | grep Connected",
			},
		},
		parallel: true,
		offline_queue: true,
	};

	it("accepts the brief's example unchanged", async () => {
		const repo = makeRepo();
		writeFileSync(path.join(repo, '.remotesyncrc.json'), JSON.stringify(briefExample, null, 2));
		const run = await runCli(['--status', '--no-fetch', '--json'], {cwd: repo});
		expect(run.exitCode).toBe(0);
		expect(JSON.parse(run.stdout)).toMatchObject({branch: 'main'});
	});

	it.each([
		['--status'],
		['--push', '--dry-run'],
		['--push-all', '--dry-run'],
		['--fetch'],
		['--health-check'],
		['--show-queue'],
		['--process-queue'],
		['--clear-queue'],
		['--push', '--no-parallel', '--dry-run', '--verbose'],
		['--push', '--quiet', '--dry-run', '--branch', 'main', '--remote', 'origin', '--force'],
	])('accepts %s', async (...args) => {
		const repo = makeRepo();
		const bare = tempDir('rst-bare-');
		git(bare, 'init', '-q', '--bare');
		git(repo, 'remote', 'add', 'origin', bare);
		const run = await runCli(args, {cwd: repo});
		expect(run.exitCode, run.stderr).toBe(0);
		expect(run.stderr).not.toMatch(noStack);
	});
});
