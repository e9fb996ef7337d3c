import type {ResolvedRemote} from '../config/schema.js';
import {branchNames, notTakenReason} from '../branch-map.js';
import {isTransient} from '../git/classify.js';
import type {OperationReport, OperationResult} from '../model.js';
import type {PushPlan} from '../push/plan.js';
import {pushOne} from '../push/push-one.js';
import {withTagLines} from '../push/tag-outcome.js';
import type {PendingConfirmation} from '../snapshot.js';
import {readRefs, localSha, type RefSnapshot} from '../status/refs.js';
import {tagReads, type TagReads} from '../tags/read-tags.js';
import {withOperation} from './activity.js';
import {mapBounded} from './bounded.js';
import {commandLogger} from './command-log.js';
import type {ServiceContext} from './context.js';
import {queueFailedPush, forgetDeliveredEntry} from './queue-bridge.js';
import {summarize} from './summary.js';
import {withVpn} from './with-vpn.js';

export type PushOptions = {
	remotes: readonly ResolvedRemote[];
	branches: readonly string[];
	/** --force, or confirmed in the dashboard: lets `warn` remotes force (never `block`). */
	force: boolean;
	/** A force push the user confirmed: push exactly the shas they were shown, leased on that remote sha. */
	confirmed?: PendingConfirmation;
	/** The local branch tips as the caller read them moments ago (see PushRequestOptions.knownRefs). */
	knownRefs?: RefSnapshot;
};

export type PushOutcome = OperationReport & {needsConfirmation: PendingConfirmation[]};

type Job = {remote: ResolvedRemote; branch: string; localSha?: string; plan?: PushPlan};

/**
 * One push per (remote, branch), bounded by max_workers (or one at a time by priority),
 * each remote with its own result. Results come out in priority order, then branch order.
 */
export async function pushBranches(context: ServiceContext, options: PushOptions): Promise<PushOutcome> {
	// With the tags: the pushes take theirs from this same read (tagReads below).
	const refs = options.knownRefs ?? (await readRefs(context.cwd, context.signal, {tags: true}));
	const jobs: Job[] = [];
	const skipped: OperationResult[] = [];
	for (const remote of options.remotes) {
		for (const branch of options.branches) {
			const notTaken = notTakenReason(remote, branch);
			if (notTaken === undefined) jobs.push({remote, branch, localSha: localSha(refs, branch), ...confirmedPlan(options.confirmed, remote, branch)});
			else skipped.push(skip(remote, branch, `${remote.name} does not take branch ${branch} (${notTaken})`));
		}
	}

	const notes: string[] = [];
	if (jobs.length === 0) {
		notes.push(
			options.branches.length === 0
				? 'no local branch to push yet: make a first commit'
				: options.branches.length === 1
					? `no remote takes branch ${options.branches[0]}`
					: `no remote takes any of the branches ${options.branches.join(', ')}`,
		);
	}

	const {settings} = context.config;
	const limit = settings.parallel ? settings.maxWorkers : 1;
	// One read of the tags per pushed sha for all remotes; none when the refs just read show no annotated tag.
	const tags = tagReads(context.cwd, {known: refs, signal: context.signal});
	const pushed = await mapBounded(jobs, limit, async job => pushJob(context, job, options.force || job.plan !== undefined, tags), (job, error) => ({
		...branchNames(job.remote, job.branch),
		status: 'failed' as const,
		durationMs: 0,
		attempts: 0,
		error: String(error),
		errorClass: 'other' as const,
	}));

	const order = new Map(options.remotes.map((remote, index) => [remote.name, index]));
	const sorted = [...pushed, ...skipped].sort((a, b) => (order.get(a.remote) ?? 0) - (order.get(b.remote) ?? 0) || options.branches.indexOf(a.branch) - options.branches.indexOf(b.branch));
	const results = withTagLines(sorted);
	const needsConfirmation = results.flatMap(result => {
		const remote = options.remotes.find(candidate => candidate.name === result.remote);
		return result.status === 'blocked' && result.tag === undefined && remote?.forcePush === 'warn' && !options.force
			? [{...branchNames(remote, result.branch), wouldLose: result.wouldLose ?? [], remoteSha: result.remoteSha, localSha: result.sha}]
			: [];
	});
	return {results, summary: summarize(results), notes: notes.length > 0 ? notes : undefined, needsConfirmation};
}

async function pushJob(context: ServiceContext, job: Job, force: boolean, tags: TagReads): Promise<OperationResult> {
	const {remote, branch} = job;
	if (!job.localSha) return skip(remote, branch, `branch ${branch} does not exist locally`);
	if (remote.untrusted !== undefined) return skip(remote, branch, remote.untrusted);
	const localSha = job.localSha;
	return withOperation(context, 'push', remote.name, branchNames(remote, branch), async operation => {
		const started = Date.now();
		operation.progress({phase: remote.vpn ? 'vpn' : 'connecting'});
		const dryRun = context.dryRun();
		let result = await withVpn(
			context,
			remote,
			async () => {
				operation.progress({phase: 'connecting'});
				return pushOne({
					cwd: context.cwd,
					remote,
					branch,
					localSha,
					force,
					dryRun,
					retryBaseDelaySeconds: context.config.settings.retryBaseDelaySeconds,
					retryMaxDelaySeconds: context.config.settings.retryMaxDelaySeconds,
					signal: context.signal,
					onProgress: progress => operation.progress(progress),
					onCommand: commandLogger(context, operation.id, remote.name),
					plan: job.plan,
					tagReads: tags,
				});
			},
			(reason, cause): OperationResult => ({
				...branchNames(remote, branch),
				// Not a failure: the real run would connect first; what the push would do is unknown.
				...(cause === 'dry-run' ? {status: 'skipped' as const, message: reason} : {status: 'failed' as const, error: reason, errorClass: 'vpn-down' as const}),
				durationMs: Date.now() - started,
				attempts: 0,
				sha: localSha,
			}),
		);
		if (remote.vpn) result = {...result, vpn: remote.vpn.name};

		if (!dryRun && result.status === 'failed' && result.errorClass && (isTransient(result.errorClass) || result.errorClass === 'vpn-down')) {
			result = await queueFailedPush(context, result, localSha);
		} else if (!dryRun && (result.status === 'pushed' || result.status === 'up-to-date')) {
			result = await forgetDeliveredEntry(context, result, localSha);
		}

		operation.progress({phase: 'done'});
		operation.finish(result);
		return result;
	});
}

function confirmedPlan(confirmed: PendingConfirmation | undefined, remote: ResolvedRemote, branch: string): Partial<Job> {
	if (!confirmed || confirmed.remote !== remote.name || confirmed.branch !== branch || !confirmed.remoteSha) return {};
	const plan: PushPlan = {kind: 'force', remoteSha: confirmed.remoteSha, wouldLose: confirmed.wouldLose};
	return confirmed.localSha ? {plan, localSha: confirmed.localSha} : {plan};
}

function skip(remote: ResolvedRemote, branch: string, message: string): OperationResult {
	return {...branchNames(remote, branch), status: 'skipped', durationMs: 0, attempts: 0, message, vpn: remote.vpn?.name};
}
