import type {HealthResult, OperationReport, OperationResult, QueueEntry, RemoteBranchStatus, StatusReport} from '../core/model.js';
import type {HealthDocument, HealthRow} from './schema/health-document.js';
import type {OperationDocument, ResultRow} from './schema/operation-document.js';
import type {QueueDocument, QueueEntryRow} from './schema/queue-document.js';
import type {StatusDocument, StatusRow} from './schema/status-document.js';

/**
 * The documents `--json` prints (SPEC §6). Their types are the zod schemas in schema/, from
 * which schema/output/*.schema.json is generated: a field written here that the schema lacks
 * is a type error, so the published contract cannot fall behind. Add fields, never rename them.
 * Only types are imported: printing JSON never loads zod.
 */

/** Optional fields are written as `key: value | undefined` (so the type check sees every key) and left out when undefined. */
function present<T extends object>(document: T): T {
	return Object.fromEntries(Object.entries(document).filter(([, value]) => value !== undefined)) as T;
}

const nonEmpty = (list: readonly string[] | undefined) => (list && list.length > 0 ? [...list] : undefined);

/** One remote's row of the status document (also one `--events` status line). */
export function statusRow(remote: RemoteBranchStatus): StatusRow {
	return present<StatusRow>({
		name: remote.remote,
		url: remote.url ?? null,
		priority: remote.priority,
		remoteBranch: remote.remoteBranch,
		state: remote.state,
		ahead: remote.ahead,
		behind: remote.behind,
		local: remote.local ?? null,
		remote: remote.remoteSha ?? null,
		vpn: remote.vpn ?? null,
		fetchedAt: remote.fetchedAt ?? null,
		stale: remote.stale === true,
		tags: remote.tags ? {missing: remote.tags.missing, differ: [...remote.tags.differ]} : null,
		fetchError: remote.fetchError ? {class: remote.fetchError.class, message: remote.fetchError.message} : undefined,
		untrusted: remote.untrusted,
	});
}

export function statusDocument(report: StatusReport): StatusDocument {
	return {
		branch: report.branch,
		remotes: report.remotes.map(statusRow),
		divergence: report.divergence.map((pair): StatusDocument['divergence'][number] => ({branch: pair.branch, remotes: pair.remotes})),
		queue: {pending: report.queue.pending},
	};
}

/** One result of the operation document (also one `--events` result line). */
export function resultDocument(result: OperationResult): ResultRow {
	return present<ResultRow>({
		remote: result.remote,
		branch: result.branch,
		remoteBranch: result.remoteBranch,
		tag: result.tag,
		status: result.status,
		durationMs: result.durationMs,
		attempts: result.attempts,
		error: result.error || undefined,
		errorClass: result.errorClass,
		vpn: result.vpn || undefined,
		message: result.message || undefined,
		sha: result.sha || undefined,
		wouldLose: nonEmpty(result.wouldLose),
		// Ours is `sha`; the remote's own object matters only on a tag's line (a tag it has elsewhere).
		remoteSha: result.tag !== undefined ? result.remoteSha || undefined : undefined,
		tags: nonEmpty(result.tags),
	});
}

export function operationDocument(report: OperationReport, extra: {vpnCommands?: string[]} = {}): OperationDocument {
	const {succeeded, failed, blocked, skipped, queued} = report.summary;
	return present<OperationDocument>({
		results: report.results.map(resultDocument),
		summary: {succeeded, failed, blocked, skipped, queued},
		notes: nonEmpty(report.notes),
		vpnCommands: nonEmpty(extra.vpnCommands),
	});
}

/** One remote of the health document (also one `--events` health line). */
export function healthRow(result: HealthResult): HealthRow {
	return present<HealthRow>({
		name: result.name,
		url: result.url ?? null,
		reachable: result.reachable,
		class: result.class,
		latencyMs: result.latencyMs,
		error: result.error || undefined,
		vpn: result.vpn || undefined,
	});
}

export function healthDocument(results: readonly HealthResult[]): HealthDocument {
	return {remotes: results.map(healthRow)};
}

// Rows are built by functions typed with their row type: a literal returned from a bare
// callback (`map(x => ({...}))`) would escape TypeScript's check for unknown fields.
function queueRow(entry: QueueEntry): QueueEntryRow {
	// A queue file may be edited by hand: any time Date.parse reads is kept, and printed in the one published form.
	return {remote: entry.remote, branch: entry.branch, remoteBranch: entry.remoteBranch, sha: entry.sha, attempts: entry.attempts, lastError: entry.lastError, queuedAt: new Date(entry.queuedAt).toISOString()};
}

/** The queue document; `--clear-queue` and `--import-legacy-queue` add what they did. */
export function queueDocument(entries: readonly QueueEntry[], outcome: Omit<QueueDocument, 'entries'> = {}): QueueDocument {
	return present<QueueDocument>({
		entries: entries.map(queueRow),
		...outcome,
	});
}

/** What `--json` prints for each action: the `--events` summary line carries the same document. */
export type JsonDocument = StatusDocument | OperationDocument | HealthDocument | QueueDocument;
