import {runGit, type GitOutput} from '../git/runner.js';
import {trackingRef, reflogArgv, notIntegratedArgv} from './argv.js';
import type {Attempt} from './push-outcome.js';

/**
 * The lease of a forced push: the sha the user saw, never a fresh read (SPEC §4).
 *
 * - Dashboard: the sha the confirmation dialog showed (the plan the user confirmed); the
 *   dialog named every commit the remote would lose, so that sha was reviewed.
 * - Otherwise (headless --force, `allow`, hooks): the remote-tracking ref, what the user
 *   last fetched. When the remote has moved past it, refused: "fetch and review first".
 *   No tracking ref (never fetched, or a URL-only remote): the remote's tip, and only if the
 *   branch once held it itself (the check below); else refused the same way.
 *
 * A tracking ref is not proof that anyone looked: our own fetches (auto_fetch, background
 * refresh) and the user's `git fetch` move it too. So, like git's --force-if-includes (which
 * git ignores once the lease names an explicit sha, as ours always does), the leased sha
 * must be in the local branch's history: reachable from the commit we push, the branch's tip
 * or one of its reflog entries. Otherwise the remote has commits nobody integrated, and
 * forcing would destroy them unseen.
 */

export type LeaseRequest = {
	cwd: string;
	remote: string;
	/** The local branch (its reflog tells what it integrated). */
	branch: string;
	/** Its name on the remote (branch_map): the lease is on refs/remotes/<remote>/<remoteBranch>. */
	remoteBranch: string;
	/** The commit we push. */
	localSha: string;
	/** What the remote has now (ls-remote, a moment ago). */
	remoteSha: string;
	/** Set when the user confirmed exactly this remote sha in the dashboard. */
	confirmedSha?: string;
	signal?: AbortSignal;
	onCommand?: (output: GitOutput) => void;
};

export type Lease = {sha: string} | {refused: Attempt};

const namedLimit = 20;

function short(sha: string): string {
	return sha.slice(0, 7);
}

export async function leaseFor(request: LeaseRequest): Promise<Lease> {
	if (request.confirmedSha !== undefined) return {sha: request.confirmedSha};
	const {remote, branch, remoteBranch} = request;
	const tracking = `${remote}/${remoteBranch}`;
	const run = async (args: string[], input?: string) => {
		const output = await runGit({args, cwd: request.cwd, signal: request.signal, input});
		request.onCommand?.(output);
		return output;
	};

	const seen = await run(['rev-parse', '--verify', '--quiet', `${trackingRef(remote, remoteBranch)}^{commit}`]);
	const seenSha = seen.exitCode === 0 ? seen.stdout.trim() : undefined;
	if (seenSha !== undefined && seenSha !== request.remoteSha) {
		const why = `${remote} moved since it was last fetched: ${remoteBranch} is ${short(request.remoteSha)} there, ${tracking} is ${short(seenSha)}`;
		return refuse(request, await unintegrated(request, request.remoteSha, run), why);
	}

	// Never fetched (no tracking ref): only a remote tip this branch itself once held (pushed
	// from here, then rewritten) counts as seen.
	const leaseSha = seenSha ?? request.remoteSha;
	const unseen = await unintegrated(request, leaseSha, run);
	if (unseen.length === 0) return {sha: leaseSha};
	const why =
		seenSha === undefined
			? `${remote} has ${remoteBranch} at ${short(request.remoteSha)}, which was never fetched here`
			: `${tracking} has commits ${branch} never integrated (a fetch brought them in; nobody reviewed them)`;
	return refuse(request, unseen, why);
}

/**
 * Commits reachable from `sha` but from none of: the commit we push, the branch's reflog
 * entries (its tip is the newest). Empty means `sha` is in the branch's history. Two local
 * processes: the reflog, then one `git log --stdin` over all of it.
 */
async function unintegrated(request: LeaseRequest, sha: string, run: (args: string[], input?: string) => Promise<GitOutput>): Promise<string[]> {
	const reflog = await run(reflogArgv(request.branch));
	// No reflog (core.logAllRefUpdates off, expired): only the commit we push counts.
	const entries = reflog.exitCode === 0 ? reflog.stdout.split('\n').filter(line => /^[0-9a-f]{4,64}$/i.test(line.trim())) : [];
	const input = [sha, ...[request.localSha, ...entries].map(entry => `^${entry.trim()}`)].join('\n') + '\n';
	const log = await run(notIntegratedArgv(namedLimit + 1), input);
	// An object we do not have cannot be shown to be integrated: name the tip itself.
	if (log.exitCode !== 0) return [`${short(sha)} (not in this repository)`];
	return log.stdout.split('\n').filter(line => line.trim().length > 0);
}

function refuse(request: LeaseRequest, unseen: string[], why: string): Lease {
	const {remote, branch, remoteBranch} = request;
	const listed = unseen.slice(0, namedLimit);
	const more = unseen.length > namedLimit ? ', and more' : '';
	const names = listed.length > 0 ? `; not integrated: ${listed.join('; ')}${more}` : '';
	return {
		refused: {
			status: 'rejected',
			errorClass: 'rejected',
			message: `not forcing ${branch} to ${remote}: ${why}; nothing was replaced`,
			error: `${why}${names} — fetch and review first (git fetch ${remote}; git log ${branch}..${remote}/${remoteBranch}), then integrate them (git pull --rebase ${remote} ${remoteBranch}) or confirm the force in the dashboard`,
			remoteSha: request.remoteSha,
			...(listed.length > 0 ? {wouldLose: listed} : {}),
		},
	};
}
