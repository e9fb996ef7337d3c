import {spawnSync} from 'node:child_process';
import {chmodSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {gitEnv} from '../harness/index.js';

/**
 * git for hook tests: the harness's isolated env, minus every REMOTE_SYNC_* variable — a
 * REMOTE_SYNC_HOOK_ACTIVE leaking in from outside would silence the hooks under test.
 * Synchronous on purpose: only local and refused remotes, nothing served from this process.
 */
export function hookEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env = gitEnv();
	for (const key of Object.keys(env)) if (key.startsWith('REMOTE_SYNC_')) delete env[key];
	return {...env, ...extra};
}

export type Ran = {status: number | null; stdout: string; stderr: string};

export function runIn(cwd: string, file: string, args: string[], options: {input?: string; env?: Record<string, string>} = {}): Ran {
	const result = spawnSync(file, args, {cwd, env: hookEnv(options.env), input: options.input ?? '', encoding: 'utf8', timeout: 60_000});
	return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}

/** git that must succeed; the hooks' stderr comes back for assertions. */
export function gitHooked(cwd: string, ...args: string[]): Ran {
	const ran = runIn(cwd, 'git', args);
	if (ran.status !== 0) throw new Error(`git ${args.join(' ')} failed (${ran.status}):\n${ran.stderr}`);
	return ran;
}

/** A new file committed through `git commit`, so the post-commit hook runs. */
export function commitHooked(repo: string, message: string): Ran {
	const file = `${message.replaceAll(/\W+/g, '-')}.txt`;
	writeFileSync(path.join(repo, file), `${message}\n`);
	gitHooked(repo, 'add', '--', file);
	return gitHooked(repo, 'commit', '-q', '-m', message);
}

/** An executable shell script. */
export function writeScript(file: string, body: string, mode = 0o755): void {
	writeFileSync(file, `#!/bin/sh\n${body}\n`);
	chmodSync(file, mode);
}

/** Files in a hooks directory apart from git's own *.sample files. */
export function hookFiles(dir: string): string[] {
	return readdirSync(dir).filter(name => !name.endsWith('.sample')).sort();
}

/**
 * The hooks of .pre-commit-hooks.yaml. The file keeps to one flat list of `key: value` lines
 * whose values are JSON (quoted strings, ["a", "b"], true) — valid YAML that needs no parser.
 */
export function readPreCommitManifest(file: string): Array<Record<string, unknown>> {
	const hooks: Array<Record<string, unknown>> = [];
	for (const line of readFileSync(file, 'utf8').split('\n')) {
		if (/^\s*(#|$)/.test(line)) continue;
		const match = /^(- |  )([a-z_]+): (.+)$/.exec(line);
		if (!match) throw new Error(`${file}: cannot read line ${JSON.stringify(line)}`);
		if (match[1] === '- ') hooks.push({});
		hooks.at(-1)![match[2]!] = JSON.parse(match[3]!);
	}

	return hooks;
}
