import path from 'node:path';
import {EnvironmentError} from '../errors.js';
import {runGit} from '../git/runner.js';

export type QueueLocation = {
	/** `<git-common-dir>/remote-sync/queue.json`: one per repository, shared by all worktrees. */
	file: string;
	/** The work tree root, where the old tool kept its queue; undefined in a bare repository. */
	workTreeRoot?: string;
};

/**
 * The common git dir (not the per-worktree one) holds the queue, so every subdirectory and
 * every `git worktree` of the repository sees the same entries, and nothing is committed.
 */
export async function locateQueue(cwd: string): Promise<QueueLocation> {
	const both = await runGit({args: ['rev-parse', '--path-format=absolute', '--git-common-dir', '--show-toplevel'], cwd});
	let commonDir: string | undefined;
	let workTreeRoot: string | undefined;
	if (both.exitCode === 0) {
		[commonDir, workTreeRoot] = both.stdout.split('\n');
	} else {
		// A bare repository has no work tree: --show-toplevel fails there, the common dir does not.
		const only = await runGit({args: ['rev-parse', '--path-format=absolute', '--git-common-dir'], cwd});
		if (only.exitCode === 0) commonDir = only.stdout.split('\n')[0];
	}

	if (!commonDir) {
		throw new EnvironmentError(`${cwd} is not inside a git repository: run remote-sync there, or pass --cwd PATH`);
	}

	return {
		file: path.join(path.resolve(cwd, commonDir), 'remote-sync', 'queue.json'),
		workTreeRoot: workTreeRoot ? path.resolve(cwd, workTreeRoot) : undefined,
	};
}
