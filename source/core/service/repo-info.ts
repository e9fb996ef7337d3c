import path from 'node:path';
import {EnvironmentError} from '../errors.js';
import {runGit} from '../git/runner.js';

export type RepoInfo = {
	/** Work tree root, or the git dir for a bare repository. */
	root: string;
	/** This work tree's git dir (HEAD) and the common dir (refs, config), absolute: what the dashboard watches. */
	gitDir?: string;
	commonDir?: string;
	name: string;
	/** Current branch; undefined on a detached HEAD. */
	currentBranch?: string;
	bare: boolean;
};

/**
 * One `git rev-parse` answers everything we need to know about where we are.
 * Fails with a message that says what to do, never a stack trace.
 */
export async function readRepoInfo(cwd: string): Promise<RepoInfo> {
	const out = await runGit({
		args: ['rev-parse', '--path-format=absolute', '--git-common-dir', '--is-bare-repository', '--absolute-git-dir', '--show-toplevel'],
		cwd,
	});
	if (out.exitCode !== 0) {
		// --show-toplevel fails in a bare repository; retry without it.
		const bare = await runGit({args: ['rev-parse', '--path-format=absolute', '--git-common-dir', '--is-bare-repository', '--absolute-git-dir'], cwd});
		if (bare.exitCode !== 0) {
			throw new EnvironmentError(`not a git repository: ${cwd}; run inside a repository or pass --cwd PATH`);
		}

		const [commonDir, , gitDir = cwd] = bare.stdout.trim().split('\n');
		return {root: gitDir, gitDir, commonDir, name: path.basename(gitDir).replace(/\.git$/, ''), bare: true, currentBranch: await currentBranch(cwd)};
	}

	const [commonDir, isBare, gitDir = '', topLevel] = out.stdout.trim().split('\n');
	const root = isBare === 'true' || !topLevel ? gitDir : topLevel;
	return {root, gitDir, commonDir, name: path.basename(root).replace(/\.git$/, ''), bare: isBare === 'true', currentBranch: await currentBranch(cwd)};
}

export async function currentBranch(cwd: string): Promise<string | undefined> {
	// symbolic-ref works on an unborn branch too, where rev-parse --abbrev-ref does not.
	const out = await runGit({args: ['symbolic-ref', '--quiet', '--short', 'HEAD'], cwd});
	const name = out.stdout.trim();
	return out.exitCode === 0 && name.length > 0 ? name : undefined;
}

/** Local branch names, for --push-all and the dashboard's branch picker. */
export async function listLocalBranches(cwd: string): Promise<string[]> {
	const out = await runGit({args: ['for-each-ref', '--format=%(refname:short)', 'refs/heads/'], cwd});
	return out.stdout
		.split('\n')
		.map(line => line.trim())
		.filter(line => line.length > 0);
}
