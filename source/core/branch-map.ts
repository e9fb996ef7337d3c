import {takesBranch} from './branch-filter.js';
import type {ResolvedRemote} from './config/schema.js';

/**
 * `branch_map` (SPEC §2): the name a local branch has on one remote. Every mechanism that
 * names the remote side — the push destination, the lease's tracking ref, ls-remote, the
 * fetch refspecs, status, divergence, the queue's delivery — asks here, so they all agree.
 *
 * The map is one-to-one (config validation refuses two local branches sent to one name), and
 * a mapped name belongs to its local branch: with `{"main": "master"}`, a local branch that is
 * itself called `master` is not pushed to, nor compared with, that remote's `master`.
 */

type Mapped = Pick<ResolvedRemote, 'branchMap'>;

/** The branch's name on the remote: its mapping, else its own name. */
export function remoteBranchOf(remote: Mapped, branch: string): string {
	return remote.branchMap?.get(branch) ?? branch;
}

/** The local branch the map sends to `remoteName`, if the map names it as a target. */
function mappedOnto(remote: Mapped, remoteName: string): string | undefined {
	for (const [local, target] of remote.branchMap ?? []) if (target === remoteName && local !== remoteName) return local;
	return undefined;
}

/**
 * Why `remote` does not take local `branch`, or undefined when it does. The `branches` globs
 * see both names: an exclusion matching either excludes, an inclusion matching either includes
 * (`["master"]` takes `main` mapped to `master`; `["!master"]` keeps it off that remote's master).
 */
export function notTakenReason(remote: Mapped & Pick<ResolvedRemote, 'branches'>, branch: string): string | undefined {
	const owner = remote.branchMap?.has(branch) ? undefined : mappedOnto(remote, branch);
	if (owner !== undefined) return `its ${branch} is where branch_map sends ${owner}`;
	const names = [...new Set([branch, remoteBranchOf(remote, branch)])];
	if (takesBranch(remote.branches, names)) return undefined;
	return `branches: ${remote.branches.join(', ') || 'none'}`;
}


/** How messages name where a branch goes: `legacy`, or `legacy as master` when branch_map renames it. */
export function destinationText(remote: Mapped & Pick<ResolvedRemote, 'name'>, branch: string): string {
	const remoteBranch = remoteBranchOf(remote, branch);
	return remoteBranch === branch ? remote.name : `${remote.name} as ${remoteBranch}`;
}

/** The names a result or queue entry carries: `remoteBranch` only when branch_map renames the branch. */
export function branchNames(remote: Mapped & Pick<ResolvedRemote, 'name'>, branch: string): {remote: string; branch: string; remoteBranch?: string} {
	const remoteBranch = remoteBranchOf(remote, branch);
	return remoteBranch === branch ? {remote: remote.name, branch} : {remote: remote.name, branch, remoteBranch};
}
