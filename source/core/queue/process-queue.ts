import pLimit from 'p-limit';
import {isTransient} from '../git/classify.js';
import {redact} from '../git/redact.js';
import type {ErrorClass, OperationReport, OperationResult, QueueEntry} from '../model.js';
import {deliversTo} from './coalesce.js';
import {summarize} from '../service/summary.js';
import {withTagLines} from '../push/tag-outcome.js';
import {QueueError} from './errors.js';
import {branchTip, classifyQueuedSha} from './queued-sha.js';
import type {QueueStore} from './queue-store.js';
import {monotonicMs} from '../clock.js';

export type ProcessQueueOptions = {
	cwd: string;
	store: QueueStore;
	/** Entries to retry; default: the whole queue. */
	entries?: QueueEntry[];
	/** Only these remotes (undefined or empty: all) and this branch. */
	filter?: {remotes?: readonly string[]; branch?: string};
	dryRun: boolean;
	/**
	 * Pushes `sha` to the entry's remote and branch and reports how it went. It must not
	 * touch the queue itself: processQueue removes or updates the entry from the result.
	 */
	push: (entry: QueueEntry, sha: string) => Promise<OperationResult>;
	/**
	 * Why an entry must not be delivered now (its remote is gone, disabled, or no longer takes
	 * the branch), or undefined to go ahead. A refused entry is reported `skipped` and kept.
	 */
	refusal?: (entry: QueueEntry) => string | undefined;
	/** Called for each entry whose queued commit is no longer on its branch. */
	onStale?: (entry: QueueEntry, branchTip: string) => void;
	/** Called as each entry's result is known (the dashboard's rows). */
	onResult?: (result: OperationResult) => void;
	/** Pushes running at once; default 1. */
	concurrency?: number;
	now?: () => Date;
};

const short = (sha: string) => sha.slice(0, 7);

/**
 * Retry the offline queue (`--process-queue`, key r). Orchestration only: the service
 * injects the push. A successful push removes its entry; any other outcome keeps it, so no
 * queued work is ever dropped without the user saying so. Dry-run reads and reports, and
 * changes nothing: not the remotes, not the queue file.
 */
export async function processQueue(options: ProcessQueueOptions): Promise<OperationReport> {
	const {cwd, store, dryRun, push, filter = {}} = options;
	const now = options.now ?? (() => new Date());
	const remotes = filter.remotes && filter.remotes.length > 0 ? filter.remotes : undefined;
	const entries = (options.entries ?? (await store.list())).filter(
		entry => (!remotes || remotes.includes(entry.remote)) && (filter.branch === undefined || entry.branch === filter.branch),
	);

	const one = async (entry: QueueEntry): Promise<OperationResult> => {
		const started = monotonicMs();
		const base = {remote: entry.remote, branch: entry.branch, ...(entry.remoteBranch === undefined ? {} : {remoteBranch: entry.remoteBranch}), attempts: 0};
		const target = `${entry.remote}/${deliversTo(entry)}`;
		const elapsed = () => Math.round(monotonicMs() - started);
		const drop = `drop it with --clear-queue --remote ${entry.remote} --branch ${entry.branch}`;
		// Checked before anything else, dry-run included: the config of now decides, not the one the entry was queued under.
		const refused = options.refusal?.(entry);
		if (refused) return {...base, status: 'skipped', durationMs: elapsed(), sha: entry.sha, message: `${refused}: the queued push of ${short(entry.sha)} was not delivered, entry kept; ${drop}`};
		const tip = await branchTip(cwd, entry.branch);
		const {kind, pushSha} = await classifyQueuedSha({cwd, entry, branchTip: tip});
		if (kind === 'stale' && tip) {
			options.onStale?.(entry, tip);
			return {
				...base,
				status: 'skipped',
				durationMs: elapsed(),
				sha: entry.sha,
				message: `the queued commit ${short(entry.sha)} is no longer on ${entry.branch} (now ${short(tip)}): not pushed to ${entry.remote}, entry kept; push the branch again, or ${drop}`,
			};
		}

		if (kind === 'branch-gone' || !tip || !pushSha) {
			return {...base, status: 'skipped', durationMs: elapsed(), sha: entry.sha, message: `branch ${entry.branch} no longer exists here: the queued push of ${short(entry.sha)} to ${entry.remote} was kept; recreate the branch or ${drop}`};
		}

		const moved = kind === 'ancestor' ? ` (${entry.branch} moved on from the queued ${short(entry.sha)})` : '';
		if (dryRun) {
			return {...base, status: 'would-push', durationMs: elapsed(), sha: pushSha, message: `would push ${short(pushSha)} to ${target}${moved}`};
		}

		let result: OperationResult;
		try {
			result = await push(entry, pushSha);
		} catch (error) {
			const message = redact(error instanceof Error ? error.message : String(error));
			result = {...base, status: 'failed', durationMs: elapsed(), attempts: 1, error: message, errorClass: 'other', sha: pushSha};
		}

		return settle({store, entry, pushSha, result, now});
	};

	const limit = pLimit(Math.max(1, options.concurrency ?? 1));
	const results = await Promise.all(
		entries.map(async entry =>
			limit(async () => {
				const result = await one(entry);
				options.onResult?.(result);
				return result;
			}),
		),
	);
	const lines = withTagLines(results);
	return {results: lines, summary: summarize(lines), notes: entries.length === 0 ? ['the offline queue has nothing to retry'] : undefined};
}

/** Network failures, and a VPN that would not come up (SPEC §4: "the push is queued"). */
const stillQueued = (cls: ErrorClass | undefined) => cls !== undefined && (isTransient(cls) || cls === 'vpn-down');

/** Update the queue from one push's result; a queue that cannot be written never hides the push. */
async function settle(options: {store: QueueStore; entry: QueueEntry; pushSha: string; result: OperationResult; now: () => Date}): Promise<OperationResult> {
	const {store, entry, pushSha, result} = options;
	const succeeded = result.status === 'pushed' || result.status === 'up-to-date';
	const transient = result.status === 'queued' || (result.status === 'failed' && stillQueued(result.errorClass));
	const failed = transient || result.status === 'failed' || result.status === 'rejected' || result.status === 'blocked';
	const settled: OperationResult = transient ? {...result, status: 'queued', message: `still queued for ${entry.remote}/${deliversTo(entry)}: ${result.error ?? result.message ?? 'it failed again'}`} : result;
	try {
		if (succeeded) {
			// Only what this push delivered: a newer sha queued meanwhile by another process stays.
			await store.removeDelivered(entry, pushSha);
		} else if (transient) {
			// Reported queued, so queued it is: the sha tried (which contains the entry's) joins
			// the ref's entry as any failure does, even if another process removed it meanwhile.
			await store.enqueue({remote: entry.remote, branch: entry.branch, remoteBranch: entry.remoteBranch, sha: pushSha, attempts: result.attempts, error: result.error ?? result.message ?? 'it failed again', at: options.now()});
		} else if (failed) {
			const at = options.now().toISOString();
			const error = redact(result.error ?? result.message ?? result.status);
			await store.touch(entry, stored => ({...stored, attempts: stored.attempts + result.attempts, lastError: error, lastAttemptAt: at}));
		}
	} catch (error) {
		if (!(error instanceof QueueError)) throw error;
		return {...settled, message: `${settled.message ?? settled.status}; but the queue could not be updated: ${error.message}`};
	}

	return settled;
}
