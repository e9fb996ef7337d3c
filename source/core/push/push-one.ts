import {branchNames, destinationText, remoteBranchOf} from '../branch-map.js';
import {isTransient} from '../git/classify.js';
import {redact} from '../git/redact.js';
import {foreignOutput} from '../text/shown-text.js';
import type {GitOutput} from '../git/runner.js';
import type {ErrorClass, OperationResult} from '../model.js';
import {withRetry} from '../retry.js';
import {pushArgv, remoteArgument, branchRef, tagPushArgv} from './argv.js';
import {lostRefUpdateRace, remoteNowHas} from './concurrent-update.js';
import {describeFailure} from './failure.js';
import {leaseFor} from './lease.js';
import {noUrlFailure, planPush, type PushPlan} from './plan.js';
import {decidePush} from './policy.js';
import {parseProgressLine} from './progress.js';
import {plainPush} from './plain-push.js';
import {runPushCommand} from './run-push.js';
import {interpretPush, type Attempt} from './push-outcome.js';
import type {PushRequest} from './push-request.js';
import {tagOutcome} from './tag-outcome.js';
import {recordPushedTags} from '../tags/record-pushed.js';
import {monotonicMs} from '../clock.js';
import {tagReads, tagsForPush, type TagPush} from '../tags/read-tags.js';

export type {PushRequest} from './push-request.js';

/**
 * One (remote, branch) push, SPEC §4: a plain push first (plain-push.ts: git refuses a
 * non-fast-forward before sending anything); only when it needs a force, plan (one ls-remote),
 * apply the force-push policy, and push with a lease on the sha the user saw (lease.ts:
 * the confirmed sha, or the remote-tracking ref if the branch integrated it). Dry-run always
 * plans, and predicts the same refusals.
 * Retry only transient network failures. Never throws: every outcome is an OperationResult.
 */

function commits(count: number): string {
	return count === 1 ? '1 commit' : `${count} commits`;
}

function failedAttempt(errorClass: ErrorClass, message: string, error: string, output?: string): Attempt {
	return output === undefined ? {status: 'failed', errorClass, message, error} : {status: 'failed', errorClass, message, error, output};
}

/** Git's output for the detail pane: stdout and stderr without the progress flood, inert and bounded. */
function readableOutput(output: GitOutput): string {
	const stderr = output.stderr
		.split(/\r|\n/)
		.map(line => line.trimEnd())
		.filter(line => line.length > 0 && parseProgressLine(line) === null)
		.join('\n');
	return foreignOutput([`$ ${output.argv.join(' ')}`, output.stdout.trimEnd(), stderr].filter(part => part.length > 0).join('\n'));
}

/**
 * The tags go in the first push that runs (the plain push, else the planned one); when the
 * branch needs no push of its own (up to date, refused, dry-run), alone: they must go even
 * when the branch is already there (a new release tag on a pushed commit).
 */
type TagCarry = {specs: readonly string[]; output?: GitOutput; alone: boolean};

async function attemptPush(request: PushRequest, getPlan: () => Promise<PushPlan>, tags: TagPush): Promise<Attempt> {
	const target = remoteArgument(request.remote);
	const carry: TagCarry = {specs: tags.refspecs, alone: false};
	let attempt = await branchAttempt(request, getPlan, carry);
	if (target === undefined || carry.specs.length === 0) return attempt;
	if (carry.alone && !carry.output) {
		carry.output = await runPushCommand(request, tagPushArgv({remote: target, tagSpecs: carry.specs, dryRun: request.dryRun}));
		request.onCommand?.(carry.output);
		attempt = {...attempt, output: [attempt.output, readableOutput(carry.output)].filter(Boolean).join('\n')};
	}

	const {sent, delivered, lines} = await tagOutcome(carry.output, tags.tags, {request, target});
	await recordPushedTags(request.cwd, request.remote.name, delivered, request.signal);
	return {...attempt, ...(sent.length > 0 ? {tags: sent} : {}), ...(lines.length > 0 ? {tagResults: lines} : {})};
}

async function branchAttempt(request: PushRequest, getPlan: () => Promise<PushPlan>, carry: TagCarry): Promise<Attempt> {
	const {remote, branch, signal} = request;
	if (signal?.aborted) return failedAttempt('interrupted', `push of ${branch} to ${remote.name} was interrupted`, 'interrupted before it started — run it again');
	const target = remoteArgument(remote);
	if (target === undefined) {
		const failure = noUrlFailure(remote);
		return failedAttempt(failure.class, failure.message, describeFailure(failure));
	}

	request.onProgress?.({phase: 'connecting'});
	if (!request.dryRun && !request.plan) {
		let plainOutput: GitOutput | undefined;
		const plain = await plainPush(request, target, carry.specs, output => {
			plainOutput = output;
			carry.output = output;
			request.onCommand?.(output);
			return readableOutput(output);
		});
		if (plain) return plainOutput ? unlessDeliveredMeanwhile(plain, plainOutput, request, target) : plain;
	}

	const remoteBranch = remoteBranchOf(remote, branch);
	const destination = destinationText(remote, branch);
	const plan = await getPlan();
	if (plan.error) return failedAttempt(plan.error.class, plan.error.message, describeFailure(plan.error), plan.error.detail);
	// The remote answered: whatever the branch's fate, its tags go (alone if no push carries them).
	carry.alone = true;

	const decision = decidePush(plan.kind, remote.forcePush, request.force);
	// remoteSha travels with a refusal so a confirmed retry can lease on exactly what was shown.
	const base = {...(plan.wouldLose.length > 0 ? {wouldLose: plan.wouldLose} : {}), ...(plan.remoteSha ? {remoteSha: plan.remoteSha} : {})};
	const lacks = `${remoteBranch === branch ? remote.name : `${remote.name}/${remoteBranch}`} has ${commits(plan.wouldLose.length)} that ${branch} lacks`;
	const integrate = `git pull --rebase ${remote.name} ${remoteBranch}`;
	switch (decision) {
		case 'up-to-date':
			return {status: 'up-to-date', message: `${branch} is already up to date on ${destination}`};
		case 'skip':
			return {status: 'skipped', message: `${branch} was not pushed to ${destination}`};
		case 'block':
			return {
				...base,
				status: request.dryRun ? 'would-block' : 'blocked',
				message: `${request.dryRun ? 'Would refuse' : 'Refusing'} to force-push ${branch} to ${destination} (force_push: block)`,
				error: `${lacks}; a push would discard them (force_push: block) — integrate them first (${integrate}), or set force_push to "warn" for this remote`,
			};

		case 'needs-force':
			return {
				...base,
				status: request.dryRun ? 'would-block' : 'blocked',
				message: 'needs --force (force_push: warn)',
				error: `${lacks}; a push would discard them — run again with --force to replace them, or integrate them first (${integrate})`,
			};
		case 'push':
		case 'force-with-lease':
			break;
	}

	let leaseSha: string | undefined;
	if (decision === 'force-with-lease') {
		if (plan.remoteSha === undefined) return {status: 'skipped', message: `${branch} was not pushed to ${destination}: its sha there is unknown`};
		const lease = await leaseFor({
			cwd: request.cwd,
			remote: remote.name,
			branch,
			remoteBranch,
			localSha: request.localSha,
			remoteSha: plan.remoteSha,
			confirmedSha: request.plan?.remoteSha,
			signal: request.signal,
			onCommand: request.onCommand,
		});
		if ('refused' in lease) return lease.refused;
		leaseSha = lease.sha;
	}

	const tagsHere = carry.output ? [] : carry.specs;
	const output = await runPushCommand(request, pushArgv({remote: target, source: request.localSha, branch: remoteBranch, dryRun: request.dryRun, leaseSha, tagSpecs: tagsHere}));
	request.onCommand?.(output);
	if (tagsHere.length > 0) carry.output = output;
	const attempt = interpretPush({output, ref: branchRef(remoteBranch), request, plan, forced: leaseSha !== undefined});
	return unlessDeliveredMeanwhile({...base, ...attempt, output: readableOutput(output)}, output, request, target);
}

/** A refusal because another push updated the ref at that very moment, to our commit, is no failure. */
async function unlessDeliveredMeanwhile(attempt: Attempt, output: GitOutput, request: PushRequest, target: string): Promise<Attempt> {
	if (attempt.status !== 'rejected' || request.dryRun || !lostRefUpdateRace(output)) return attempt;
	const {remote, branch} = request;
	if (!(await remoteNowHas({cwd: request.cwd, target, remote, branch, sha: request.localSha, signal: request.signal}))) return attempt;
	return {status: 'up-to-date', message: `${branch} is already up to date on ${destinationText(remote, branch)} (another push delivered it at the same moment)`, output: attempt.output};
}

export async function pushOne(request: PushRequest): Promise<OperationResult> {
	const started = monotonicMs();
	// remoteBranch only when branch_map renames it: output then shows "main → master".
	const identity = {...branchNames(request.remote, request.branch), sha: request.localSha};
	try {
		// A plan that succeeded is kept across retries: the lease stays on the sha we saw.
		let plan = request.plan;
		const getPlan = async () => {
			if (plan && !plan.error) return plan;
			const made = await planPush({...request, timeoutSeconds: request.remote.timeoutSeconds});
			if (!made.error) plan = made;
			return made;
		};

		// Read when the push runs (a queued push delivered later takes the tags of then).
		const tags = await tagsForPush(request.tagReads ?? tagReads(request.cwd, {signal: request.signal}), request.remote, request.localSha);
		const {result, attempts} = await withRetry(async () => attemptPush(request, getPlan, tags), {
			retries: request.remote.retry,
			isRetryable: attempt => attempt.errorClass !== undefined && isTransient(attempt.errorClass),
			baseSeconds: request.retryBaseDelaySeconds,
			maxSeconds: request.retryMaxDelaySeconds,
			signal: request.signal,
			onRetry: ({retry, delayMs, last}) => request.onRetry?.({retry, of: request.remote.retry, delayMs, error: last.error}),
		});
		if (result.status === 'pushed') request.onProgress?.({phase: 'done', percent: 100});
		const durationMs = Math.round(monotonicMs() - started);
		const tagResults = result.tagResults?.map(line => ({...line, attempts, durationMs}));
		return {...identity, ...result, ...(tagResults ? {tagResults} : {}), attempts, durationMs};
	} catch (error) {
		// GitNotFoundError and the unforeseen: still one result, never a throw.
		const message = error instanceof Error ? error.message : String(error);
		return {...identity, status: 'failed', errorClass: 'other', message: redact(message), error: redact(message), attempts: 1, durationMs: Math.round(monotonicMs() - started)};
	}
}
