import type {ResolvedRemote} from '../config/schema.js';

/**
 * The git argv of every push-related call, built without running anything (lazygit's
 * pkg/commands idiom): the tests assert on these arrays, runner.ts runs them.
 *
 * Every user-controlled word (remote name or URL) comes after `--`, so a remote called
 * `-oProxyCommand=...` or `--upload-pack=...` is a repository, never an option. Refs are
 * always written in full (`refs/heads/<b>`), so no argument starts with `-` before `--`
 * either, and a branch named like a tag or a sha cannot be mistaken for one.
 */

/** What git should be told to talk to: the remote's name when git knows it (its pushurl,
 * insteadOf and credential setup then apply), else the URL from the config. */
export function remoteArgument(remote: Pick<ResolvedRemote, 'name' | 'url' | 'inGit'>): string | undefined {
	return remote.inGit ? remote.name : remote.url;
}

export function branchRef(branch: string): string {
	return `refs/heads/${branch}`;
}

/** What the user last fetched of `branch` from `remote`: the ref status and fetch use. */
export function trackingRef(remote: string, branch: string): string {
	return `refs/remotes/${remote}/${branch}`;
}

export type PushArgvOptions = {
	remote: string;
	/** What to push: a sha (what we planned) or a local branch name. */
	source: string;
	/** The destination: the branch's name on the remote (branch_map applied, core/branch-map.ts). */
	branch: string;
	dryRun?: boolean;
	/** The remote sha we saw: the push only succeeds if the remote still has it. */
	leaseSha?: string;
	/** Tag refspecs that go in the same push (tagRefspecs, allTagsRefspec): never forced. */
	tagSpecs?: readonly string[];
};

export function pushArgv(options: PushArgvOptions): string[] {
	const ref = branchRef(options.branch);
	const argv = ['push', '--porcelain', '--progress'];
	if (options.dryRun) argv.push('--dry-run');
	// Never a bare --force or --force-with-lease: the lease names the exact sha we saw.
	if (options.leaseSha !== undefined) argv.push(`--force-with-lease=${ref}:${options.leaseSha}`);
	argv.push('--', options.remote, `${options.source}:${ref}`, ...(options.tagSpecs ?? []));
	return argv;
}

export function tagRef(tag: string): string {
	return `refs/tags/${tag}`;
}

/**
 * One explicit refspec per tag, never a `+`: git then refuses to move a tag the remote has
 * elsewhere ("already exists") and reports it on its own porcelain line, which
 * `--follow-tags` would skip in silence. The lease option names only the branch's ref, so a
 * forced branch push never forces a tag either.
 */
export function tagRefspecs(tags: readonly string[]): string[] {
	return tags.map(tag => `${tagRef(tag)}:${tagRef(tag)}`);
}

/**
 * Every local tag in one refspec (`tags: all`), still without `+`. git matches each explicit
 * refspec against every ref, so thousands of them cost minutes; one pattern costs nothing,
 * and git still reports (and refuses) each tag on its own line.
 */
export const allTagsRefspec = 'refs/tags/*:refs/tags/*';

/** The tags alone, when the branch needs no push of its own (up to date, or refused before pushing). */
export function tagPushArgv(options: {remote: string; tagSpecs: readonly string[]; dryRun?: boolean}): string[] {
	return ['push', '--porcelain', '--progress', ...(options.dryRun ? ['--dry-run'] : []), '--', options.remote, ...options.tagSpecs];
}

/** The remote's sha of each of these tags (after a refusal: which sha the remote keeps). */
export function lsRemoteTagsArgv(remote: string, tags: readonly string[]): string[] {
	return ['ls-remote', '--', remote, ...tags.map(tagRef)];
}

/** The remote's current sha of one branch (its name there): one round trip, no local change. */
export function lsRemoteArgv(remote: string, branch: string): string[] {
	return ['ls-remote', '--', remote, branchRef(branch)];
}

/**
 * Bring the remote branch's commits into the object store only: no remote-tracking ref, no
 * FETCH_HEAD (`--refmap=` stops git's opportunistic refs/remotes update). A dry-run then
 * changes nothing anyone can see, and a concurrent background fetch never meets a ref lock.
 */
export function fetchObjectsArgv(remote: string, branch: string): string[] {
	return [
		'fetch',
		'--no-tags',
		'--no-write-fetch-head',
		'--refmap=',
		'--no-recurse-submodules',
		'--no-auto-maintenance',
		'--quiet',
		'--',
		remote,
		branchRef(branch),
	];
}

/** Exit 0: `ancestor` is an ancestor of `descendant`; 1: it is not; else: unknown object. */
export function isAncestorArgv(ancestor: string, descendant: string): string[] {
	return ['merge-base', '--is-ancestor', ancestor, descendant];
}

/** Commits the remote has that `localSha` lacks, newest first: what a forced push loses. */
export function wouldLoseArgv(localSha: string, remoteSha: string, limit: number): string[] {
	return ['log', '--no-color', '--format=%h %s', `--max-count=${limit}`, `${localSha}..${remoteSha}`, '--'];
}

/** Every commit the local branch's reflog names, newest (its tip) first. */
export function reflogArgv(branch: string): string[] {
	return ['rev-list', '--walk-reflogs', branchRef(branch), '--'];
}

/**
 * With stdin `<sha>` then `^<commit>` lines: the commits of `sha` that none of those commits
 * has (short sha + subject), newest first. Empty when `sha` is reachable from one of them.
 */
export function notIntegratedArgv(limit: number): string[] {
	return ['log', '--no-color', '--format=%h %s', `--max-count=${limit}`, '--stdin', '--'];
}
