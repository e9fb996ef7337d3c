import {homedir} from 'node:os';
import path from 'node:path';

/**
 * The user's config directory, the one place it is decided (the config loader and the trust
 * store once disagreed, and a relative value put trust.json inside the repository, where a
 * cloned project could approve itself). The XDG Base Directory spec says a relative or empty
 * `XDG_CONFIG_HOME` is invalid and must be ignored: then it is `~/.config`.
 */
export function configHome(env: NodeJS.ProcessEnv = process.env): string {
	const xdg = env.XDG_CONFIG_HOME;
	if (xdg && path.isAbsolute(xdg)) return xdg;
	return path.join(env.HOME || homedir(), '.config');
}

/** `<config home>/remote-sync`: the user's config.json and trust.json. */
export function remoteSyncConfigDir(env: NodeJS.ProcessEnv = process.env): string {
	return path.join(configHome(env), 'remote-sync');
}
