import {runGit} from '../git/runner.js';
import type {QueueEntry} from '../model.js';
import {isSha} from './queue-file.js';

/**
 * What a retry should push for a queued entry (SPEC §4: "a queued sha that is no longer the
 * branch tip is reported, not silently replaced"):
 * - current: the queued sha is still the tip: push it;
 * - ancestor: the branch only moved forward since: push the tip, which includes it;
 * - stale: the branch was rewritten (rebase, reset) and no longer contains the queued
 *   commit: push nothing, keep the entry, tell the user;
 * - branch-gone: the local branch was deleted.
 */
export type QueuedShaKind = 'current' | 'ancestor' | 'stale' | 'branch-gone';

export type QueuedShaClass = {kind: QueuedShaKind; pushSha?: string};

/** The local branch's commit, or undefined when the branch does not exist. */
export async function branchTip(cwd: string, branch: string): Promise<string | undefined> {
	const result = await runGit({args: ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}^{commit}`], cwd});
	const sha = result.stdout.trim();
	return result.exitCode === 0 && sha.length > 0 ? sha : undefined;
}

/**
 * Whether `descendant` has `ancestor` in its history (or is it). Any failure (an object gc
 * removed, a sha that never existed here) answers no: callers then keep what they have.
 */
export async function contains(cwd: string, descendant: string, ancestor: string): Promise<boolean> {
	if (descendant === ancestor) return true;
	if (!isSha(descendant) || !isSha(ancestor)) return false;
	const check = await runGit({args: ['merge-base', '--is-ancestor', ancestor, descendant], cwd});
	return check.exitCode === 0;
}

export async function classifyQueuedSha(options: {cwd: string; entry: QueueEntry; branchTip: string | undefined}): Promise<QueuedShaClass> {
	const {cwd, entry, branchTip: tip} = options;
	if (!tip) return {kind: 'branch-gone'};
	if (tip === entry.sha) return {kind: 'current', pushSha: tip};
	// A queued commit gone after a gc cannot be an ancestor either: stale.
	return (await contains(cwd, tip, entry.sha)) ? {kind: 'ancestor', pushSha: tip} : {kind: 'stale'};
}
