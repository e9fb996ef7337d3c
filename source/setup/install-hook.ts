import {chmodSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {EnvironmentError} from '../core/errors.js';
import {localGit} from './local-git.js';
import {chainedSuffix, hookScript, isOurHook, type HookKind} from './hook-script.js';

/**
 * The hooks directory git really uses: `--git-path hooks` honours core.hooksPath (relative
 * ones too) and linked worktrees, and prints a path relative to `cwd`.
 */
export async function hooksDirectory(cwd: string): Promise<string> {
	const hooks = await localGit(cwd)
		.revparse(['--git-path', 'hooks'])
		.catch(() => '');
	if (hooks.trim() === '') throw new EnvironmentError(`not a git repository: ${cwd}; run inside a repository or pass --cwd`);
	return path.resolve(cwd, hooks.trim());
}

export type HookChange = {
	path: string;
	action: 'installed' | 'already-installed' | 'updated' | 'chained' | 'removed' | 'restored' | 'absent';
};

// lstat, not exists: a dangling symlink is still a hook of the user's we must not write through.
function present(file: string): boolean {
	try {
		lstatSync(file);
		return true;
	} catch {
		return false;
	}
}

function readHook(file: string): string {
	try {
		return readFileSync(file, 'utf8');
	} catch {
		return ''; // A dangling symlink or unreadable file is not ours.
	}
}

function writeHook(file: string, script: string): void {
	writeFileSync(file, script, {mode: 0o755});
	chmodSync(file, 0o755); // The mode above only applies to a new file and passes the umask.
}

/**
 * Installs our hook. An existing hook of the user's is kept byte for byte beside it
 * (`<hook>.before-remote-sync`) and still runs first; installing twice changes nothing.
 */
export async function installHook(cwd: string, kind: HookKind, command: readonly string[]): Promise<HookChange> {
	const dir = await hooksDirectory(cwd);
	mkdirSync(dir, {recursive: true});
	const file = path.join(dir, kind);
	const saved = `${file}${chainedSuffix}`;
	const script = hookScript(kind, command);
	if (!present(file)) {
		writeHook(file, script);
		return {path: file, action: 'installed'};
	}

	const current = readHook(file);
	if (isOurHook(current)) {
		if (current === script) return {path: file, action: 'already-installed'};
		writeHook(file, script); // Same hook, another program path (node or checkout moved).
		return {path: file, action: 'updated'};
	}

	if (present(saved)) {
		throw new EnvironmentError(`${saved} already exists and ${file} is not remote-sync's hook; move one of them away, then run install-hook again`);
	}

	renameSync(file, saved);
	writeHook(file, script);
	return {path: file, action: 'chained'};
}

/** Removes only what install added; a chained user hook goes back exactly as it was. */
export async function uninstallHook(cwd: string, kind: HookKind): Promise<HookChange> {
	const dir = await hooksDirectory(cwd);
	const file = path.join(dir, kind);
	const saved = `${file}${chainedSuffix}`;
	if (present(file)) {
		if (!isOurHook(readHook(file))) return {path: file, action: 'absent'};
		rmSync(file);
	} else if (!present(saved)) {
		return {path: file, action: 'absent'};
	}

	// Our hook is gone (removed now or by hand): the user's own comes back, mode and all.
	if (present(saved)) {
		renameSync(saved, file);
		return {path: file, action: 'restored'};
	}

	return {path: file, action: 'removed'};
}
