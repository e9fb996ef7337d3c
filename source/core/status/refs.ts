import {runGit} from '../git/runner.js';

/**
 * Every local branch and remote-tracking ref, read with ONE `git for-each-ref`: status for
 * any number of remotes and branches costs the same single process.
 */
export type RefSnapshot = {
	/** Full ref name (refs/heads/x, refs/remotes/r/x) → commit sha. */
	readonly refs: ReadonlyMap<string, string>;
};

export class RefReadError extends Error {
	constructor(cwd: string, stderr: string) {
		super(`could not read the refs of ${cwd}: ${stderr.trim() || 'git for-each-ref failed'} (is it a git repository?)`);
		this.name = 'RefReadError';
	}
}

// Ref names cannot hold spaces (git check-ref-format), so a space is a safe separator.
const format = '%(objectname) %(refname) %(symref)';

export async function readRefs(cwd: string, signal?: AbortSignal): Promise<RefSnapshot> {
	const out = await runGit({args: ['for-each-ref', `--format=${format}`, 'refs/heads', 'refs/remotes'], cwd, signal});
	if (out.exitCode !== 0) throw new RefReadError(cwd, out.stderr);
	return parseRefs(out.stdout);
}

export function parseRefs(stdout: string): RefSnapshot {
	const refs = new Map<string, string>();
	for (const line of stdout.split('\n')) {
		const [sha, name, symref] = line.split(' ');
		if (!sha || !name) continue;
		// refs/remotes/<r>/HEAD is git's pointer to the remote's default branch, not a branch.
		if (symref && name.startsWith('refs/remotes/')) continue;
		refs.set(name, sha);
	}

	return {refs};
}

export function localSha(snapshot: RefSnapshot, branch: string): string | undefined {
	return snapshot.refs.get(`refs/heads/${branch}`);
}
