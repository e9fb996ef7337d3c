import {remoteBranchOf} from '../branch-map.js';
import type {ResolvedRemote} from '../config/schema.js';
import {runGit, type GitOutput} from '../git/runner.js';
import type {GitFailure, PushPlanKind} from '../model.js';
import {branchRef, fetchObjectsArgv, isAncestorArgv, lsRemoteArgv, remoteArgument, wouldLoseArgv} from './argv.js';
import {failureOf} from './failure.js';

/**
 * What a push of `localSha` to the branch's name on the remote (branch_map) would do, decided before pushing
 * (SPEC §4 force-push protection; dry-run included). The remote's sha comes from one
 * `git ls-remote`, never from remote-tracking refs that may be old: it says what a push would
 * discard now. What a forced push leases on is another matter, what the user saw (lease.ts).
 */

export type PushPlan = {
	/** planPush returns create | up-to-date | fast-forward | force; with `error`, 'skipped'. */
	kind: PushPlanKind;
	/** The remote's sha of the branch when we looked; undefined when it has no such branch. */
	remoteSha?: string;
	/** Commits a forced push would discard (short sha + subject), newest first, at most 20. */
	wouldLose: string[];
	/** Set when the remote could not be asked: the plan is unknown, nothing should be pushed. */
	error?: GitFailure;
};

export type PlanOptions = {
	cwd: string;
	remote: ResolvedRemote;
	branch: string;
	localSha: string;
	/** Per network call; the whole process tree is killed when it runs out. */
	timeoutSeconds: number;
	signal?: AbortSignal;
	onCommand?: (output: GitOutput) => void;
};

export const wouldLoseLimit = 20;
const shaPattern = /^[0-9a-f]{4,64}$/i;

export function noUrlFailure(remote: Pick<ResolvedRemote, 'name'>): GitFailure {
	return {
		class: 'not-found',
		message: `remote ${remote.name} has no URL`,
		hint: `add it with: git remote add ${remote.name} <url>, or set "url" for it in .remotesyncrc.json`,
	};
}

function failed(error: GitFailure): PushPlan {
	return {kind: 'skipped', wouldLose: [], error};
}

/** The sha of exactly `ref` in ls-remote output (its patterns also match longer refs). */
export function shaFromLsRemote(stdout: string, ref: string): string | undefined {
	for (const line of stdout.split('\n')) {
		const [sha, name] = line.trim().split('\t');
		if (name === ref && sha && shaPattern.test(sha)) return sha;
	}

	return undefined;
}

export async function planPush(options: PlanOptions): Promise<PushPlan> {
	const {cwd, remote, branch, localSha, signal} = options;
	const target = remoteArgument(remote);
	if (target === undefined) return failed(noUrlFailure(remote));
	if (!shaPattern.test(localSha)) {
		return failed({class: 'other', message: `"${localSha}" is not a commit sha`, hint: `check that branch ${branch} has a commit`});
	}

	const timeoutMs = options.timeoutSeconds * 1000;
	const run = async (args: string[], network: boolean) => {
		const output = await runGit({args, cwd, signal, timeoutMs: network ? timeoutMs : undefined});
		options.onCommand?.(output);
		return output;
	};

	const context = {remote: remote.name, timeoutSeconds: options.timeoutSeconds, url: remote.url};
	const remoteBranch = remoteBranchOf(remote, branch);
	const listed = await run(lsRemoteArgv(target, remoteBranch), true);
	if (listed.exitCode !== 0 || listed.timedOut || listed.aborted) return failed(failureOf(listed, {...context, doing: `ls-remote of ${remote.name}`}));

	const remoteSha = shaFromLsRemote(listed.stdout, branchRef(remoteBranch));
	if (remoteSha === undefined) return {kind: 'create', wouldLose: []};
	if (remoteSha === localSha) return {kind: 'up-to-date', remoteSha, wouldLose: []};

	let ancestry = await run(isAncestorArgv(remoteSha, localSha), false);
	if (ancestry.exitCode !== 0 && ancestry.exitCode !== 1) {
		// We lack the remote's commit: bring its objects (no ref changes) to compare and
		// to name what a forced push would discard.
		const fetched = await run(fetchObjectsArgv(target, remoteBranch), true);
		if (fetched.exitCode !== 0 || fetched.timedOut || fetched.aborted) {
			return failed(failureOf(fetched, {...context, doing: `fetch from ${remote.name}`}));
		}

		ancestry = await run(isAncestorArgv(remoteSha, localSha), false);
	}

	if (ancestry.exitCode === 0) return {kind: 'fast-forward', remoteSha, wouldLose: []};
	if (ancestry.exitCode !== 1) {
		// Still missing after the fetch: the remote moved while we looked. Every ancestor of
		// our tip is in our object store, so this is no fast-forward; the lease will refuse.
		return {kind: 'force', remoteSha, wouldLose: [`${remoteSha.slice(0, 7)} (changed on the remote while we looked; fetch and review)`]};
	}

	const log = await run(wouldLoseArgv(localSha, remoteSha, wouldLoseLimit), false);
	const wouldLose = log.exitCode === 0 ? log.stdout.split('\n').filter(line => line.trim().length > 0) : [];
	return {kind: 'force', remoteSha, wouldLose};
}
