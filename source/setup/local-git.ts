import {simpleGit, type SimpleGit} from 'simple-git';
import {gitEnvironment} from '../core/git/environment.js';

/**
 * simple-git, in its honest place: LOCAL git work that never touches a network — building the
 * demo's sandbox, reading the remotes for `init`, finding the hooks directory. Network commands
 * (fetch, push, ls-remote, the engine's status reads) never come here: they go through
 * core/git/runner.ts, which starts git in its own process group and kills the whole tree
 * (git-remote-http, ssh) on a timeout — simple-git can do neither.
 *
 * The environment is the runner's (no GIT_DIR from the caller, C locale, the hook marker)
 * without the variables that only matter to a network or an interactive command — askpass,
 * ssh, editors, pagers — which simple-git's own safety plugin refuses, and which local plumbing
 * with `-m` and no terminal never uses. The user's git configuration (GIT_CONFIG_GLOBAL,
 * GIT_CONFIG_COUNT …) must still apply, exactly as with plain git: those are allowed.
 */
const unusedLocally = [
	'GIT_ASKPASS',
	'SSH_ASKPASS',
	'GIT_SSH',
	'GIT_SSH_COMMAND',
	'EDITOR',
	'GIT_EDITOR',
	'GIT_SEQUENCE_EDITOR',
	'PAGER',
	'GIT_PAGER',
	'GIT_EXTERNAL_DIFF',
	'GIT_PROXY_COMMAND',
];

export function localGitEnvironment(inherited: NodeJS.ProcessEnv = process.env): Record<string, string> {
	const env = gitEnvironment(inherited);
	for (const key of Object.keys(env)) if (unusedLocally.includes(key.toUpperCase())) delete env[key];
	return env;
}

export function localGit(cwd: string): SimpleGit {
	return simpleGit({
		baseDir: cwd,
		maxConcurrentProcesses: 4,
		timeout: {block: 15_000},
		unsafe: {allowUnsafeConfigPaths: true, allowUnsafeConfigEnvCount: true, allowUnsafeTemplateDir: true},
	}).env(localGitEnvironment());
}
