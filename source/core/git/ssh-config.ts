/**
 * The user's `core.sshCommand` for a repository (repo, global or included config), read the
 * way git reads it: by git, in that directory. One lookup serves the network calls of the
 * next few seconds (a parallel fetch of every remote asks once); after that it is read
 * again, so a fix the user makes while the dashboard runs is used on the next try.
 */

import {monotonicMs} from '../clock.js';

export type ConfigReader = (cwd: string) => Promise<string | undefined>;

const freshForMs = 5000;
const cache = new Map<string, {at: number; value: Promise<string | undefined>}>();

/**
 * What a read of the repository's config just found (the start-up read of the remotes asks
 * for core.sshCommand too): the first network call of the next few seconds needs no lookup.
 */
export function rememberSshCommand(cwd: string, value: string | undefined): void {
	cache.set(cwd, {at: monotonicMs(), value: Promise.resolve(value)});
}

export function configuredSshCommand(cwd: string, read: ConfigReader): Promise<string | undefined> {
	const now = monotonicMs();
	const hit = cache.get(cwd);
	if (hit && now - hit.at < freshForMs) return hit.value;
	const value = read(cwd).catch(() => undefined);
	cache.set(cwd, {at: now, value});
	return value;
}
