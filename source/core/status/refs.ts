import {runGit} from '../git/runner.js';
import {privateNamespace} from '../tags/private-refs.js';
import {tagsPrefix, type LocalTag} from '../tags/select-tags.js';

/**
 * Every local branch and remote-tracking ref, read with ONE `git for-each-ref`: status for
 * any number of remotes and branches costs the same single process.
 */
export type RefSnapshot = {
	/** Full ref name (refs/heads/x, refs/remotes/r/x) → commit sha. */
	readonly refs: ReadonlyMap<string, string>;
	/** The local branch HEAD points at (git's `%(HEAD)`); undefined when it is detached or unborn (no such ref yet). */
	readonly head?: string;
	/** With `{tags: true}`: the local tags, and every remote's tags as our fetch stored them (full ref → sha). */
	readonly tags?: {local: readonly LocalTag[]; stored: ReadonlyMap<string, string>};
};

export class RefReadError extends Error {
	constructor(cwd: string, stderr: string) {
		super(`could not read the refs of ${cwd}: ${stderr.trim() || 'git for-each-ref failed'} (is it a git repository?)`);
		this.name = 'RefReadError';
	}
}

// Ref names cannot hold spaces (git check-ref-format), so a space is a safe separator.
const headsPrefix = 'refs/heads/';
// %(HEAD) last: "*" on the branch HEAD points at, else a space.
const format = '%(objectname) %(refname) %(symref) %(objecttype) %(HEAD)';

/** `tags`: also the local tags and our private copy of each remote's (status compares them), in the same process. */
export async function readRefs(cwd: string, signal?: AbortSignal, options: {tags?: boolean} = {}): Promise<RefSnapshot> {
	const patterns = ['refs/heads', 'refs/remotes', ...(options.tags ? [tagsPrefix, privateNamespace] : [])];
	const out = await runGit({args: ['for-each-ref', `--format=${format}`, '--', ...patterns], cwd, signal});
	if (out.exitCode !== 0) throw new RefReadError(cwd, out.stderr);
	return parseRefs(out.stdout, options);
}

export function parseRefs(stdout: string, options: {tags?: boolean} = {}): RefSnapshot {
	const refs = new Map<string, string>();
	const local: LocalTag[] = [];
	const stored = new Map<string, string>();
	let head: string | undefined;
	for (const line of stdout.split('\n')) {
		const [sha, name, symref, type, isHead] = line.split(' ');
		if (!sha || !name) continue;
		if (isHead === '*' && name.startsWith(headsPrefix)) head = name.slice(headsPrefix.length);
		if (name.startsWith(tagsPrefix)) {
			if (name.length > tagsPrefix.length) local.push({name: name.slice(tagsPrefix.length), sha, annotated: type === 'tag'});
			continue;
		}

		if (name.startsWith(privateNamespace)) {
			stored.set(name, sha);
			continue;
		}

		// refs/remotes/<r>/HEAD is git's pointer to the remote's default branch, not a branch.
		if (symref && name.startsWith('refs/remotes/')) continue;
		refs.set(name, sha);
	}

	const heads = head === undefined ? {} : {head};
	return options.tags ? {refs, ...heads, tags: {local, stored}} : {refs, ...heads};
}

export function localSha(snapshot: RefSnapshot, branch: string): string | undefined {
	return snapshot.refs.get(`refs/heads/${branch}`);
}
