import {chmodSync, existsSync, mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../cli/run-cli.js';
import {commit, git, makeRepo, tempDir} from '../harness/index.js';
import {expectCleanEnd, writeRepoConfig} from '../reliability/support.js';

/**
 * SPEC §2: "A cloned repo must never run code by being opened or pushed." Everything here
 * arrives by `git clone` of a hostile repository, then the user runs the program in it.
 * (The harness's git config allows every transport, `ext::` included, like a user who once
 * needed it: the program must not rely on git's defaults to stay safe.)
 */

function cloneOf(prepare: (source: string) => void): string {
	const source = makeRepo();
	prepare(source);
	git(source, 'add', '-A');
	git(source, 'commit', '-q', '-m', 'looks harmless');
	const clone = path.join(tempDir('rst-clone-'), 'checkout');
	git(path.dirname(clone), 'clone', '-q', source, clone);
	return clone;
}

const actions = [['--status'], ['--health-check'], ['--fetch'], ['--push'], ['--push-all', '--dry-run']];

describe('a cloned repository runs nothing of its own', () => {
	it('VPN commands in its config are shown, not run — until `trust`, and again after they change', async () => {
		const canary = path.join(tempDir('rst-canary-'), 'pwned');
		const clone = cloneOf(source =>
			writeRepoConfig(source, {
				remotes: {internal: {url: '/nonexistent/internal.git', vpn: 'corp', retry: 0}},
				vpn: {corp: {connect_cmd: `touch ${canary}`, check_cmd: `touch ${canary}; false`, disconnect_cmd: `touch ${canary}`, timeout: 5}},
			}),
		);
		for (const args of actions) {
			const run = await runCli(args, {cwd: clone});
			expectCleanEnd(run, args.join(' '));
			expect(existsSync(canary), `${args.join(' ')} ran an untrusted command`).toBe(false);
		}

		const pushed = await runCli(['--push'], {cwd: clone});
		expect(pushed.stdout + pushed.stderr).toContain('remote-sync trust');
		// Trusting is the user's explicit act; from then on those exact commands may run.
		const xdg = tempDir('rst-xdg-');
		expect((await runCli(['trust'], {cwd: clone, env: {XDG_CONFIG_HOME: xdg}})).exitCode).toBe(0);
		await runCli(['--push'], {cwd: clone, env: {XDG_CONFIG_HOME: xdg}});
		expect(existsSync(canary)).toBe(true);
		// A pull that changes a command needs trust again.
		const changed = path.join(path.dirname(canary), 'changed');
		writeRepoConfig(clone, {remotes: {internal: {url: '/nonexistent/internal.git', vpn: 'corp', retry: 0}}, vpn: {corp: {connect_cmd: `touch ${changed}`, timeout: 5}}});
		await runCli(['--push'], {cwd: clone, env: {XDG_CONFIG_HOME: xdg}});
		expect(existsSync(changed)).toBe(false);
	});

	it('a config url using the ext:: transport (which runs a command) is refused before git runs', async () => {
		const canary = path.join(tempDir('rst-canary-'), 'pwned');
		const clone = cloneOf(source => writeRepoConfig(source, {remotes: {backup: {url: `ext::sh -c touch% ${canary}`}}}));
		for (const args of actions) {
			const run = await runCli(args, {cwd: clone});
			expectCleanEnd(run, args.join(' '));
			expect(existsSync(canary), `${args.join(' ')} ran the ext:: command`).toBe(false);
			expect(run.exitCode, run.stderr).toBe(2);
			expect(run.stderr).toContain('remotes.backup.url');
		}
	});

	it('a config url pointing into the clone (a bare repository with hooks) is refused before pushing', async () => {
		const canary = path.join(tempDir('rst-canary-'), 'pwned');
		const clone = cloneOf(source => {
			// A bare repository tracked as ordinary files, with an executable pre-receive hook.
			const evil = path.join(source, 'vendor', 'mirror.git');
			git(source, 'init', '-q', '--bare', evil);
			writeFileSync(path.join(evil, 'hooks', 'pre-receive'), `#!/bin/sh\ntouch '${canary}'\n`);
			chmodSync(path.join(evil, 'hooks', 'pre-receive'), 0o755);
			for (const dir of ['objects', 'refs']) {
				mkdirSync(path.join(evil, dir), {recursive: true});
				writeFileSync(path.join(evil, dir, '.keep'), '');
			}

			writeRepoConfig(source, {remotes: {backup: {url: './vendor/mirror.git'}, other: {url: `file://${path.join(source, 'vendor', 'mirror.git')}`}}});
		});
		expect(existsSync(path.join(clone, 'vendor', 'mirror.git', 'hooks', 'pre-receive'))).toBe(true);
		commit(clone, 'new work');
		for (const args of [['--push'], ['--status']]) {
			const run = await runCli(args, {cwd: clone});
			expectCleanEnd(run, args.join(' '));
			expect(existsSync(canary), `${args.join(' ')} ran a hook shipped inside the clone`).toBe(false);
			expect(run.exitCode, run.stderr).toBe(2);
			expect(run.stderr).toMatch(/remotes\.(backup|other)\.url/);
		}
	});
});
