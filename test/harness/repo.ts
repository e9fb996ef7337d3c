import {execFileSync} from 'node:child_process';
import {mkdirSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {onFileEnd, tempDir} from './sandbox.js';

/**
 * Real repositories for tests, isolated from the machine's and the user's git config.
 * Test code may call git directly (it is the oracle); product code goes through runGit.
 */

export const isolatedGitEnv: Record<string, string> = {
	GIT_CONFIG_NOSYSTEM: '1',
	GIT_AUTHOR_NAME: 'Test',
	GIT_AUTHOR_EMAIL: 'test@example.invalid',
	GIT_COMMITTER_NAME: 'Test',
	GIT_COMMITTER_EMAIL: 'test@example.invalid',
	GIT_TERMINAL_PROMPT: '0',
};

let homeDir: string | undefined;

/** A HOME with an empty .gitconfig so nothing from the machine leaks into tests. */
export function isolatedHome(): string {
	if (!homeDir) {
		homeDir = tempDirPersistent();
		writeFileSync(path.join(homeDir, '.gitconfig'), '[init]\n\tdefaultBranch = main\n[protocol]\n\tallow = always\n');
	}

	return homeDir;
}

function tempDirPersistent(): string {
	// The HOME outlives single tests: it goes when the test file is done (each file runs in a
	// process of its own, and left behind it piled up by the thousand in the temp dir).
	const dir = path.join(process.env.TMPDIR ?? '/tmp', `rst-home-${process.pid}`);
	mkdirSync(dir, {recursive: true});
	onFileEnd(() => {
		homeDir = undefined;
		rmSync(dir, {recursive: true, force: true});
	});
	return dir;
}

export function gitEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {...process.env, ...isolatedGitEnv, HOME: isolatedHome(), XDG_CONFIG_HOME: path.join(isolatedHome(), '.config')};
	delete env.GIT_DIR;
	delete env.GIT_WORK_TREE;
	// The machine's CI must not decide what a test sees (in CI the offline queue is off by
	// default): a test that wants CI mode sets it itself.
	delete env.CI;
	delete env.CONTINUOUS_INTEGRATION;
	return env;
}

/** Run git synchronously in `cwd`; returns trimmed stdout; throws with stderr on failure. */
export function git(cwd: string, ...args: string[]): string {
	return execFileSync('git', args, {cwd, env: gitEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']}).trim();
}

/** A work repository on branch main with one commit. */
export function makeRepo(dir = tempDir('rst-work-')): string {
	git(dir, 'init', '-q', '-b', 'main');
	commit(dir, 'initial');
	return dir;
}

/** An empty bare repository, e.g. to serve as a remote. */
export function makeBare(dir = tempDir('rst-remote-')): string {
	git(dir, 'init', '-q', '--bare', '-b', 'main');
	return dir;
}

let counter = 0;

/** Commit a change (a new file) and return the new sha. */
export function commit(repo: string, message: string, file = `file-${++counter}.txt`): string {
	writeFileSync(path.join(repo, file), `${message}\n${counter}\n`);
	git(repo, 'add', '--', file);
	git(repo, 'commit', '-q', '-m', message);
	return git(repo, 'rev-parse', 'HEAD');
}

/** A bare remote added to `repo` under `name`, already holding `branch` (pushed and fetched). */
export function addBareRemote(repo: string, name: string, options: {push?: string[]} = {push: ['main']}): string {
	const bare = makeBare();
	git(repo, 'remote', 'add', name, bare);
	for (const branch of options.push ?? []) git(repo, 'push', '-q', name, branch);
	return bare;
}
