import {remoteBranchOf} from '../branch-map.js';
import type {GitOutput} from '../git/runner.js';
import {pushArgv, branchRef} from './argv.js';
import {outcomeFor, parsePorcelain} from './porcelain.js';
import {interpretPush, type Attempt} from './push-outcome.js';
import type {PushRequest} from './push-request.js';
import {runPushCommand} from './run-push.js';

/**
 * The common case first: a plain push (no force, no lease). It can never overwrite anything:
 * git itself compares the remote's advertised tip with ours and refuses a non-fast-forward
 * before sending a single object. So it is as safe as planning first, and it saves the
 * separate `ls-remote` connection per remote (one round trip on every push; on a 150 ms link
 * that was most of the fixed cost in bench/parallel-push.mjs).
 *
 * Returns undefined when git refused for want of a force: then the force-push policy must
 * decide, with a plan (what the remote would lose, the sha to lease on).
 */
export async function plainPush(request: PushRequest, target: string, tagSpecs: readonly string[], record: (output: GitOutput) => string): Promise<Attempt | undefined> {
	const remoteBranch = remoteBranchOf(request.remote, request.branch);
	const ref = branchRef(remoteBranch);
	const output = await runPushCommand(request, pushArgv({remote: target, source: request.localSha, branch: remoteBranch, dryRun: false, tagSpecs}));
	const readable = record(output);
	const outcome = output.timedOut || output.aborted ? undefined : outcomeFor(parsePorcelain(output.stdout), ref);
	if (outcome?.kind === 'rejected' && /non-fast-forward|fetch first/i.test(outcome.reason ?? outcome.summary)) return undefined;
	const plan = {kind: outcome?.kind === 'new' ? ('create' as const) : ('fast-forward' as const), wouldLose: []};
	return {...interpretPush({output, ref, request, plan, forced: false}), output: readable};
}
