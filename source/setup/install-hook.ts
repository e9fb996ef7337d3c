import {chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {EnvironmentError} from '../core/errors.js';
import {runGit} from '../core/git/runner.js';
import {chainedSuffix, hookScript, isOurHook, type HookKind} from './hook-script.js';

/** The hooks directory git really uses: honours core.hooksPath and worktrees. */
async function hooksDirectory(cwd: string): Promise<string> {
	const out = await runGit({args: ['rev-parse', '--git-path', 'hooks'], cwd});
	if (out.exitCode !== 0) throw new EnvironmentError(`not a git repository: ${cwd}; run inside a repository or pass --cwd`);
	return path.resolve(cwd, out.stdout.trim());
}

export type HookChange = {path: string; action: 'installed' | 'already-installed' | 'chained' | 'removed' | 'restored' | 'absent'};

/**
 * Installs our hook. An existing hook of the user's is kept byte for byte beside it
 * (`<hook>.before-remote-sync`) and still runs first; installing twice changes nothing.
 */
export async function installHook(cwd: string, kind: HookKind, command: string[]): Promise<HookChange> {
	const dir = await hooksDirectory(cwd);
	mkdirSync(dir, {recursive: true});
	const file = path.join(dir, kind);
	const script = hookScript(kind, command);
	if (existsSync(file)) {
		const current = readFileSync(file, 'utf8');
		if (isOurHook(current)) {
			if (current !== script) writeFileSync(file, script, {mode: 0o755});
			return {path: file, action: 'already-installed'};
		}

		renameSync(file, `${file}${chainedSuffix}`);
		writeFileSync(file, script, {mode: 0o755});
		chmodSync(file, 0o755);
		return {path: file, action: 'chained'};
	}

	writeFileSync(file, script, {mode: 0o755});
	chmodSync(file, 0o755);
	return {path: file, action: 'installed'};
}

/** Removes only what install added; a chained user hook goes back exactly as it was. */
export async function uninstallHook(cwd: string, kind: HookKind): Promise<HookChange> {
	const dir = await hooksDirectory(cwd);
	const file = path.join(dir, kind);
	if (!existsSync(file) || !isOurHook(readFileSync(file, 'utf8'))) return {path: file, action: 'absent'};
	rmSync(file);
	if (existsSync(`${file}${chainedSuffix}`)) {
		renameSync(`${file}${chainedSuffix}`, file);
		return {path: file, action: 'restored'};
	}

	return {path: file, action: 'removed'};
}
