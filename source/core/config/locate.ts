import {realpathSync, statSync} from 'node:fs';
import path from 'node:path';
import {remoteSyncConfigDir} from '../xdg.js';

/** Where config files live: the repo file (found upwards) and the user's XDG file. */

export const repoConfigNames = ['.remotesyncrc.json', '.remotesyncrc', 'remote-sync.config.json'] as const;

function isFile(file: string): boolean {
	try {
		return statSync(file).isFile();
	} catch {
		return false;
	}
}

function real(dir: string): string {
	try {
		return realpathSync(dir);
	} catch {
		return path.resolve(dir);
	}
}

/**
 * The first repo config in `cwd` or a parent, never above the work tree root (a file in a
 * parent directory belongs to another project). Paths are compared after realpath so a
 * symlinked cwd still stops at the root.
 */
export function findRepoConfig(cwd: string, workTree: string): string | undefined {
	const root = real(workTree);
	let dir = real(cwd);
	const insideRoot = dir === root || dir.startsWith(root + path.sep);
	for (;;) {
		for (const name of repoConfigNames) {
			const candidate = path.join(dir, name);
			if (isFile(candidate)) return candidate;
		}

		const parent = path.dirname(dir);
		if (!insideRoot || dir === root || parent === dir) return undefined;
		dir = parent;
	}
}

/** `$XDG_CONFIG_HOME/remote-sync/config.json` (see xdg.ts for an empty or relative value). */
export function userConfigFile(env: NodeJS.ProcessEnv, userConfigDir?: string): string {
	return path.join(userConfigDir ?? remoteSyncConfigDir(env), 'config.json');
}

/** A path as the user knows it: relative to cwd when inside it, else absolute. */
export function displayPath(cwd: string, file: string): string {
	const relative = path.relative(real(cwd), real(file));
	return relative !== '' && relative.split(path.sep)[0] !== '..' && !path.isAbsolute(relative) ? relative : file;
}
