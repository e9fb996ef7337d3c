import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {startDelayProxy} from './delay-proxy.js';
import {gitAsyncOk} from './git-async.js';
import {startGitDaemon, type GitDaemon} from './git-daemon.js';
import {startHttpGit, type HttpGitServer} from './http-git.js';
import {startRefusingPort, startSilentSocket} from './ports.js';
import {git, makeBare, makeRepo} from './repo.js';
import {tempDir} from './sandbox.js';

/**
 * What each kind of remote stands for:
 * - local: a bare repository by path; - daemon: git:// on a real `git daemon`;
 * - http: smart HTTP, no auth; - http-auth: smart HTTP that wants a password the remote URL
 *   lacks (auth-failed; `urlWithCredentials` works); - refused: nothing listening (unreachable);
 * - silent: accepts and never answers (timeout); - slow: the daemon behind a delay proxy.
 */
export type FleetKind = 'local' | 'daemon' | 'http' | 'http-auth' | 'refused' | 'silent' | 'slow';

export type FleetRemote = {
	kind: FleetKind;
	/** The URL `git remote add` got. */
	url: string;
	/** The bare repository behind it, when there is one. */
	bare?: string;
	/** http-auth only: the same URL with the user and password in it. */
	urlWithCredentials?: string;
};

export type Fleet = {repo: string; remotes: Record<string, FleetRemote>};

export type FleetOptions = {
	/** Per-direction delay of the `slow` remote (default 150 ms). */
	slowDelayMs?: number;
	/** The HTTP Basic credentials of `http-auth` (default sync / s3cret). */
	user?: string;
	password?: string;
};

/**
 * A work repository on `main` with one remote per kind, named after the kind. Reachable
 * remotes already hold `main` and have fresh remote-tracking refs (seeded over a fast path,
 * so `slow` costs nothing here). All servers stop on test cleanup.
 */
export async function buildFleet(kinds: readonly FleetKind[], options: FleetOptions = {}): Promise<Fleet> {
	const repo = makeRepo();
	const served = tempDir('rst-served-');
	const remotes: Record<string, FleetRemote> = {};
	let daemon: GitDaemon | undefined;
	let http: HttpGitServer | undefined;
	let httpAuth: HttpGitServer | undefined;
	const user = options.user ?? 'sync';
	const password = options.password ?? 's3cret';
	// Add under the fast URL, push (sets refs/remotes/<name>/main), then point at the real one.
	// Async: the HTTP servers live in this process, a synchronous push would freeze them.
	const seed = async (name: string, seedUrl: string, finalUrl: string) => {
		git(repo, 'remote', 'add', name, seedUrl);
		await gitAsyncOk(repo, 'push', '-q', name, 'main');
		if (finalUrl !== seedUrl) git(repo, 'remote', 'set-url', name, finalUrl);
	};

	for (const kind of kinds) {
		if (remotes[kind]) throw new Error(`buildFleet: kind "${kind}" is listed twice; each kind is one remote`);
		const bare = kind === 'refused' || kind === 'silent' ? undefined : servedBare(served, kind);
		switch (kind) {
			case 'local': {
				await seed(kind, bare!, bare!);
				remotes[kind] = {kind, url: bare!, bare};
				break;
			}

			case 'daemon':
			case 'slow': {
				daemon ??= await startGitDaemon({basePath: served});
				let url = daemon.url(`${kind}.git`);
				if (kind === 'slow') url = (await startDelayProxy({targetPort: daemon.port, delayMs: options.slowDelayMs ?? 150})).url(`${kind}.git`);
				await seed(kind, daemon.url(`${kind}.git`), url);
				remotes[kind] = {kind, url, bare};
				break;
			}

			case 'http': {
				http ??= await startHttpGit({projectRoot: served});
				await seed(kind, http.url(`${kind}.git`), http.url(`${kind}.git`));
				remotes[kind] = {kind, url: http.url(`${kind}.git`), bare};
				break;
			}

			case 'http-auth': {
				httpAuth ??= await startHttpGit({projectRoot: served, user, password});
				const urlWithCredentials = httpAuth.urlWithCredentials(`${kind}.git`);
				await seed(kind, urlWithCredentials, httpAuth.url(`${kind}.git`));
				remotes[kind] = {kind, url: httpAuth.url(`${kind}.git`), bare, urlWithCredentials};
				break;
			}

			case 'refused': {
				const {url} = await startRefusingPort();
				git(repo, 'remote', 'add', kind, url);
				remotes[kind] = {kind, url};
				break;
			}

			case 'silent': {
				const {url} = await startSilentSocket();
				git(repo, 'remote', 'add', kind, url);
				remotes[kind] = {kind, url};
				break;
			}

			default: {
				const unknown: never = kind;
				throw new Error(`buildFleet: unknown kind ${String(unknown)}`);
			}
		}
	}

	return {repo, remotes};
}

function servedBare(served: string, kind: FleetKind): string {
	const dir = path.join(served, `${kind}.git`);
	mkdirSync(dir);
	return makeBare(dir);
}
