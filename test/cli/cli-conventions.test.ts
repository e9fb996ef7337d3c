import {execFileSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {flagTable, kebab} from '../../source/cli/flag-table.js';
import {helpText} from '../../source/cli/help.js';
import {addBareRemote, commit, git, makeRepo, tempDir} from '../harness/index.js';
import {cliPath, runCli} from './run-cli.js';

const ansi = /\u001B\[[0-9;]*m/;

describe('CLI conventions: help', () => {
	it('-h, --help and help print the same help and exit 0', async () => {
		const cwd = tempDir('rst-help-');
		const runs = await Promise.all([['-h'], ['--help'], ['help']].map(async args => runCli(args, {cwd})));
		for (const run of runs) {
			expect(run.exitCode).toBe(0);
			expect(run.stdout).toContain('--push-all');
		}

		expect(new Set(runs.map(run => run.stdout)).size).toBe(1);
	});

	it('each command has its own help, as "help <verb>" and "<verb> --help"', async () => {
		const cwd = tempDir('rst-help-');
		for (const verb of ['init', 'trust', 'install-hook', 'uninstall-hook', 'completion']) {
			const [asTopic, asFlag] = await Promise.all([runCli(['help', verb], {cwd}), runCli([verb, '--help'], {cwd})]);
			expect(asTopic.exitCode).toBe(0);
			expect(asTopic.stdout).toContain(`remote-sync ${verb}`);
			expect(asFlag.stdout).toBe(asTopic.stdout);
		}
	});

	it('the help names every flag the parser takes', () => {
		for (const flag of flagTable) expect(helpText, flag.name).toContain(`--${flag.negatable && flag.name !== 'fetch' ? `no-${kebab(flag.name)}` : kebab(flag.name)}`);
	});
});

describe('CLI conventions: mistakes get a suggestion', () => {
	it.each([
		[['--remot', 'origin'], /unknown flag --remot; did you mean --remote\?/],
		[['--dry-rn'], /unknown flag --dry-rn; did you mean --dry-run\?/],
		[['--no-colr'], /did you mean --no-color\?/],
		[['--push', '-x'], /unknown flag -x/],
		[['intt'], /unknown command "intt"; did you mean "init"\?/],
		[['completion', 'bsh'], /did you mean "bash"\?/],
		[['help', 'trsut'], /did you mean "trust"\?/],
	])('%j is a usage error (exit 2) with one line', async (args, message) => {
		const run = await runCli(args, {cwd: tempDir('rst-usage-')});
		expect(run.exitCode).toBe(2);
		expect(run.stderr).toMatch(message);
		expect(run.stderr.trim().split('\n')).toHaveLength(1);
		expect(run.stdout).toBe('');
	});

	it('a value that looks like a flag is still a value (--branch=-x reaches the branch check, not the flag check)', async () => {
		const repo = makeRepo();
		commit(repo, 'one');
		const run = await runCli(['--status', '--no-fetch', '--branch=-x'], {cwd: repo});
		expect(run.stderr).not.toMatch(/unknown flag/);
	});
});

describe('CLI conventions: colour', () => {
	function repoWithRemote(): string {
		const repo = makeRepo();
		commit(repo, 'one');
		addBareRemote(repo, 'origin');
		return repo;
	}

	it('FORCE_COLOR=1 colours piped output; NO_COLOR and --no-color do not; FORCE_COLOR=0 beats a TTY guess', async () => {
		const cwd = repoWithRemote();
		const plain = {NO_COLOR: ''};
		const forced = await runCli(['--status', '--no-fetch'], {cwd, env: {...plain, FORCE_COLOR: '1'}});
		expect(forced.stdout).toMatch(ansi);
		const none = await runCli(['--status', '--no-fetch'], {cwd, env: {NO_COLOR: '1'}});
		expect(none.stdout).not.toMatch(ansi);
		const flagged = await runCli(['--status', '--no-fetch', '--no-color'], {cwd, env: {...plain, FORCE_COLOR: '3'}});
		expect(flagged.stdout).not.toMatch(ansi);
		const asked = await runCli(['--status', '--no-fetch', '--color'], {cwd, env: plain});
		expect(asked.stdout).toMatch(ansi);
		const off = await runCli(['--status', '--no-fetch'], {cwd, env: {...plain, FORCE_COLOR: '0'}});
		expect(off.stdout).not.toMatch(ansi);
	});
});

describe('shell completion', () => {
	/** Runs bash with the generated script loaded and asks it to complete the given words. */
	function complete(repo: string, words: string[]): string[] {
		// As an installed bin: an executable named remote-sync on PATH.
		const bin = tempDir('rst-bin-');
		writeFileSync(path.join(bin, 'remote-sync'), `#!/bin/sh\nexec '${process.execPath}' '${cliPath}' "$@"\n`, {mode: 0o755});
		const script = path.join(tempDir('rst-completion-'), 'complete.sh');
		writeFileSync(
			script,
			[
				'source <(remote-sync completion bash)',
				'complete -p remote-sync >&2',
				`COMP_WORDS=(${words.map(word => `'${word}'`).join(' ')})`,
				'COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))',
				'_remote_sync',
				'printf "%s\\n" "${COMPREPLY[@]}"',
			].join('\n'),
		);
		const output = execFileSync('bash', [script], {cwd: repo, encoding: 'utf8', env: {...process.env, PATH: `${bin}:${process.env.PATH}`}});
		return output.split('\n').filter(line => line.length > 0);
	}

	it('bash completes --rem<TAB> to --remote, and remote names, groups and branches from the repository', () => {
		const repo = makeRepo();
		commit(repo, 'one');
		addBareRemote(repo, 'origin');
		addBareRemote(repo, 'backup');
		git(repo, 'branch', 'feature/x');
		writeFileSync(path.join(repo, '.remotesyncrc.json'), JSON.stringify({remotes: {backup: {group: 'mirrors'}}}));
		expect(complete(repo, ['remote-sync', '--rem'])).toEqual(['--remote']);
		expect(complete(repo, ['remote-sync', '--remote', 'b'])).toEqual(['backup']);
		expect(complete(repo, ['remote-sync', '-r', ''])).toEqual(expect.arrayContaining(['origin', 'backup']));
		expect(complete(repo, ['remote-sync', '--group', ''])).toEqual(['mirrors']);
		expect(complete(repo, ['remote-sync', '--branch', 'fea'])).toEqual(['feature/x']);
		expect(complete(repo, ['remote-sync', 'in'])).toEqual(['init', 'install-hook']);
	});

	it('zsh and fish scripts are generated from the same flag table', async () => {
		const cwd = tempDir('rst-completion-');
		const [zsh, fish] = await Promise.all([runCli(['completion', 'zsh'], {cwd}), runCli(['completion', 'fish'], {cwd})]);
		expect(zsh.exitCode).toBe(0);
		expect(zsh.stdout).toContain('bashcompinit');
		for (const flag of flagTable) expect(fish.stdout).toContain(`-l ${kebab(flag.name)}`);
		expect(fish.stdout).toContain('__complete remotes');
	});

	it('outside a repository a TAB offers nothing and prints no error', async () => {
		const run = await runCli(['__complete', 'remotes'], {cwd: tempDir('rst-nowhere-')});
		expect(run.exitCode).toBe(0);
		expect(run.stdout).toBe('');
		expect(run.stderr).toBe('');
	});
});
