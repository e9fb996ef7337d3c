import {realpathSync} from 'node:fs';
import path from 'node:path';

/**
 * A config `url` may come from a file anyone could have committed to a repository, and it is
 * handed to git as the place to fetch from and push to. Two kinds would let a cloned
 * repository run code the moment it is pushed (or even fetched):
 * - the `ext::` transport, which runs its argument as a command (git refuses it by default,
 *   but a user may have allowed it once for their own remotes);
 * - a local path inside the work tree: a bare repository tracked as ordinary files, whose
 *   hooks git runs on every push to it.
 * Remotes the user added with `git remote add` are theirs and are not checked here.
 */

function isLocalPath(url: string): boolean {
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return false;
	// git's rule: "host:path" is ssh unless a "/" comes before the first ":".
	const colon = url.indexOf(':');
	const slash = url.indexOf('/');
	return colon < 0 || (slash >= 0 && slash < colon);
}

function real(file: string): string {
	try {
		return realpathSync(file);
	} catch {
		return path.resolve(file);
	}
}

/** Why git must not be given `url`, or undefined when it may. */
export function unsafeUrlReason(url: string, where: {cwd: string; workTree: string}): string | undefined {
	const trimmed = url.trim();
	if (/^ext::/i.test(trimmed)) return 'the ext:: transport runs its argument as a command';
	const local = /^file:\/\//i.test(trimmed) ? decodeURI(trimmed.slice('file://'.length)) : isLocalPath(trimmed) ? trimmed : undefined;
	if (local === undefined || local === '') return undefined;
	const target = real(path.resolve(where.cwd, local));
	const root = real(where.workTree);
	if (target === root || target.startsWith(root + path.sep)) {
		return 'it points inside this checkout, where a repository could ship hooks that a push would run';
	}

	return undefined;
}
