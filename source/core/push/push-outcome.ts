import {destinationText, remoteBranchOf} from '../branch-map.js';
import type {ResolvedRemote} from '../config/schema.js';
import {summarizeStderr, hintFor} from '../git/classify.js';
import type {OperationResult} from '../model.js';
import {describeFailure, failureOf} from './failure.js';
import {isStaleLease, outcomeFor, parsePorcelain, rejectionClass} from './porcelain.js';
import {blameLocalHook} from './local-hook.js';
import type {PushPlan} from './plan.js';
import type {PushOutput} from './run-push.js';

/**
 * What one `git push --porcelain` run means for the user. The porcelain line of our ref
 * decides (stdout); stderr only explains a failure that never reached the ref report
 * (unreachable, auth, timeout) or carries the hook's words.
 */

/** One attempt's result, before attempts, duration and identity are added. */
export type Attempt = Omit<OperationResult, 'remote' | 'branch' | 'attempts' | 'durationMs' | 'sha'>;

type Context = {
	output: PushOutput;
	ref: string;
	request: {remote: Pick<ResolvedRemote, 'name' | 'timeoutSeconds' | 'url' | 'branchMap'>; branch: string; dryRun: boolean};
	plan: PushPlan;
	forced: boolean;
};

function short(sha: string | undefined): string {
	return sha ? sha.slice(0, 7) : 'nothing';
}

/** What the remote (its hook) printed: "remote: ..." lines, the reason a hook declined. */
function remoteSaid(stderr: string): string {
	return summarizeStderr(stderr, 40)
		.split('\n')
		.filter(line => line.startsWith('remote: '))
		.map(line => line.slice('remote: '.length).trim())
		.filter(line => line.length > 0)
		.slice(-6)
		.join('; ');
}

export function interpretPush({output, ref, request, plan, forced}: Context): Attempt {
	const {branch, dryRun} = request;
	const remote = request.remote.name;
	const destination = destinationText(request.remote, branch);
	const tracking = `${remote}/${remoteBranchOf(request.remote, branch)}`;
	const outcome = output.timedOut || output.aborted ? undefined : outcomeFor(parsePorcelain(output.stdout), ref);

	if (outcome && outcome.kind !== 'rejected') {
		if (outcome.kind === 'up-to-date') return {status: 'up-to-date', message: `${branch} is already up to date on ${destination}`};
		const how = plan.kind === 'create' ? ' (new branch)' : forced ? `, replacing ${short(plan.remoteSha)} (force-with-lease)` : '';
		if (dryRun) return {status: forced ? 'would-force' : 'would-push', message: `Would ${forced ? 'force-push' : 'push'} ${branch} to ${destination}${how}`};
		return {status: 'pushed', message: `Successfully ${forced ? 'force-pushed' : 'pushed'} ${branch} to ${destination}${how}`};
	}

	if (outcome) {
		if (isStaleLease(outcome)) {
			return {
				status: 'rejected',
				errorClass: 'rejected',
				message: `${remote} moved since we looked: ${branch} is no longer ${short(plan.remoteSha)} there, nothing was replaced`,
				error: `${remote} moved since we looked (stale info) — fetch and review first (git fetch ${remote}; git log ${branch}..${tracking}), then push again`,
			};
		}

		const errorClass = rejectionClass(outcome);
		const reason = outcome.reason ?? outcome.summary;
		const message = `${remote} rejected ${branch}: ${reason}`;
		const said = remoteSaid(output.stderr);
		return {status: 'rejected', errorClass, message, error: `${message}${said ? `: ${said}` : ''} — ${hintFor(errorClass)}`};
	}

	const hook = output.aborted ? undefined : blameLocalHook({state: output.localHook, output, remote, branch, timeoutSeconds: request.remote.timeoutSeconds});
	if (hook) return hook;
	const failure = failureOf(output, {remote, timeoutSeconds: request.remote.timeoutSeconds, doing: `push to ${remote}`, url: request.remote.url});
	return {status: 'failed', errorClass: failure.class, message: failure.message, error: describeFailure(failure)};
}
