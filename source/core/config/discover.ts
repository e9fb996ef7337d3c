import {statSync} from 'node:fs';
import {EnvironmentError} from '../errors.js';
import {GitNotFoundError, runGit, type GitOutput} from '../git/runner.js';
import {rememberSshCommand} from '../git/ssh-config.js';
import {parseRemoteLayout, type RemoteLayout} from '../status/refspecs.js';

/**
 * What git itself knows: the work tree root and every remote with its fetch URL.
 * Two git processes, no network. Remote names may hold dots and dashes, so they are cut
 * out of the config key `remote.<name>.url` from both ends, never split on dots.
 */

export type GitRemotes = Map<string, string>;

export type Repository = {
	/** Absolute work tree root, as git prints it (symlinks resolved). */
	workTree: string;
	/** Remote name → fetch URL, in git's order. */
	remotes: GitRemotes;
};

const localTimeoutMs = 15_000;

async function git(cwd: string, args: string[]): Promise<GitOutput> {
	try {
		return await runGit({args, cwd, timeoutMs: localTimeoutMs, local: true});
	} catch (error) {
		if (error instanceof GitNotFoundError) throw new EnvironmentError(error.message);
		throw error;
	}
}

export async function findWorkTree(cwd: string): Promise<string> {
	let isDirectory = false;
	try {
		isDirectory = statSync(cwd).isDirectory();
	} catch {
		// Reported below.
	}

	if (!isDirectory) throw new EnvironmentError(`directory not found: ${cwd}; pass an existing directory with --cwd`);
	const output = await git(cwd, ['rev-parse', '--show-toplevel']);
	const root = output.stdout.trim();
	if (output.exitCode !== 0 || root === '') {
		const bare = /must be run in a work tree/.test(output.stderr);
		throw new EnvironmentError(
			bare
				? `not a work tree: ${cwd} is inside a bare repository or a .git directory; run inside a checkout or pass --cwd`
				: `not a git repository: ${cwd}; run inside a repository or pass --cwd`,
		);
	}

	return root;
}

/** Parse `git config --null --get-regexp` output (key\nvalue\0 records) into each remote's first url. */
export function parseRemoteUrls(stdout: string): GitRemotes {
	const remotes: GitRemotes = new Map();
	for (const record of stdout.split('\0')) {
		const newline = record.indexOf('\n');
		if (newline < 0) continue;
		const key = record.slice(0, newline);
		const url = record.slice(newline + 1);
		// Section and key are printed lower-case; the name in between keeps its case.
		if (!key.startsWith('remote.') || !key.endsWith('.url')) continue;
		const name = key.slice('remote.'.length, -'.url'.length);
		// A remote may list several urls; git fetches from the first.
		if (name !== '' && !remotes.has(name)) remotes.set(name, url);
	}

	return remotes;
}

/** The last core.sshCommand in that output, as `git config --get` would give it; undefined when unset or empty. */
export function parseSshCommand(stdout: string): string | undefined {
	const value = stdout
		.split('\0')
		.filter(record => record.startsWith('core.sshcommand\n'))
		.at(-1)
		?.slice('core.sshcommand\n'.length)
		.trim();
	return value ? value : undefined;
}

/**
 * The remotes' URLs, and in the same process core.sshCommand: the runner is told it, so the
 * first push or fetch after start-up waits for no lookup of its own (git/ssh-config.ts).
 */
export async function listGitRemotes(cwd: string): Promise<GitRemotes> {
	return (await readRemoteConfig(cwd)).remotes;
}

/**
 * The remotes' urls, their fetch refspecs (status's layout) and core.sshCommand, in one
 * `git config` process: start-up asks it once, and nothing else needs to before the first
 * status or push.
 */
export async function readRemoteConfig(cwd: string): Promise<{remotes: GitRemotes; layout: RemoteLayout}> {
	const output = await git(cwd, ['config', '--null', '--get-regexp', '^(remote\\..*\\.(url|fetch)|core\\.sshcommand)$']);
	rememberSshCommand(cwd, output.exitCode === 0 ? parseSshCommand(output.stdout) : undefined);
	// Exit 1 means "no such key": a repository without remotes.
	if (output.exitCode === 1 && output.stdout === '') return {remotes: new Map(), layout: new Map()};
	if (output.exitCode !== 0) {
		throw new EnvironmentError(`cannot list git remotes in ${cwd}: ${output.stderr.trim() || `git exited ${String(output.exitCode)}`}; run "git remote -v" to see the problem`);
	}

	return {remotes: parseRemoteUrls(output.stdout), layout: parseRemoteLayout(output.stdout)};
}

export async function discoverRepository(cwd: string): Promise<Repository> {
	const workTree = await findWorkTree(cwd);
	return {workTree, remotes: await listGitRemotes(cwd)};
}
