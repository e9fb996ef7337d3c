import {remoteBranchOf} from '../branch-map.js';
import type {ResolvedRemote} from '../config/schema.js';
import {runGit, type GitOutput} from '../git/runner.js';
import {branchRef, lsRemoteArgv} from './argv.js';
import {shaFromLsRemote} from './plan.js';

/**
 * Two pushes of the same commit at the same moment (a hook's push beside a manual one, two
 * `--process-queue` runs): the remote takes the first, and refuses the second with "failed to
 * update ref" / "cannot lock ref" because the ref moved under it. If the remote now holds
 * exactly our commit, nothing failed: what we wanted is there. One extra ls-remote, only
 * after such a refusal, tells which.
 */

export function lostRefUpdateRace(output: GitOutput): boolean {
	return /failed to update ref|cannot lock ref/i.test(`${output.stdout}\n${output.stderr}`);
}

export async function remoteNowHas(options: {cwd: string; target: string; remote: ResolvedRemote; branch: string; sha: string; signal?: AbortSignal}): Promise<boolean> {
	const remoteBranch = remoteBranchOf(options.remote, options.branch);
	const listed = await runGit({
		args: lsRemoteArgv(options.target, remoteBranch),
		cwd: options.cwd,
		timeoutMs: options.remote.timeoutSeconds * 1000,
		signal: options.signal,
	});
	if (listed.exitCode !== 0 || listed.timedOut || listed.aborted) return false;
	return shaFromLsRemote(listed.stdout, branchRef(remoteBranch)) === options.sha;
}
