import {canConnect, spawnGroup, waitFor} from './process.js';
import {freePort} from './ports.js';
import {gitEnv} from './repo.js';
import {onCleanup} from './sandbox.js';

export type GitDaemon = {
	port: number;
	/** Process group of the daemon and the children it forks per connection. */
	pid: number;
	/** git://127.0.0.1:port/<repoRelativePath> */
	url(repoRelativePath: string): string;
	/** Stops the daemon and every child it forked (idempotent; also runs on cleanup). */
	stop(): Promise<void>;
};

/**
 * A real `git daemon` serving every repository under `basePath`, pushes included: the
 * closest thing to a network remote that needs nothing but git.
 */
/** `port` reuses a known port: a remote that went away and comes back at the same address. */
export async function startGitDaemon(options: {basePath: string; port?: number}): Promise<GitDaemon> {
	let lastError = '';
	// freePort() can race with another process taking the port: try a few before giving up.
	for (let attempt = 0; attempt < (options.port === undefined ? 3 : 1); attempt++) {
		const port = options.port ?? (await freePort());
		const daemon = spawnGroup(
			'git',
			[
				'daemon',
				'--reuseaddr',
				'--listen=127.0.0.1',
				`--port=${port}`,
				`--base-path=${options.basePath}`,
				'--export-all',
				'--enable=receive-pack',
				'--informative-errors',
			],
			{env: gitEnv(), cwd: options.basePath},
		);
		onCleanup(daemon.stop);
		try {
			await waitFor(async () => daemon.hasExited() || (await canConnect(port)), {
				timeoutMs: 10_000,
				message: `git daemon did not accept connections on port ${port} within 10 s`,
			});
		} catch (error) {
			await daemon.stop();
			throw new Error(`${(error as Error).message}\n${daemon.stderr()}`);
		}

		if (daemon.hasExited()) {
			lastError = daemon.stderr();
			await daemon.stop();
			continue;
		}

		return {port, pid: daemon.pid, url: repoPath => `git://127.0.0.1:${port}/${repoPath.replace(/^\/+/, '')}`, stop: daemon.stop};
	}

	throw new Error(`git daemon would not start (is git-daemon installed?): ${lastError.trim()}`);
}
