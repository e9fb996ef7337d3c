import type {HealthResult, OperationReport, OperationResult, QueueEntry, RemoteBranchStatus, StatusReport} from '../core/model.js';

/**
 * The documents `--json` prints (SPEC §6). Field names are a published contract
 * (schema/output/*.schema.json): add fields, never rename them.
 */
/** One remote's row of the status document (also one `--events` status line). */
export function statusRow(remote: RemoteBranchStatus) {
	return {
		name: remote.remote,
		url: remote.url ?? null,
		priority: remote.priority,
		...(remote.remoteBranch === undefined ? {} : {remoteBranch: remote.remoteBranch}),
		state: remote.state,
		ahead: remote.ahead,
		behind: remote.behind,
		local: remote.local ?? null,
		remote: remote.remoteSha ?? null,
		vpn: remote.vpn ?? null,
		fetchedAt: remote.fetchedAt ?? null,
		stale: remote.stale === true,
		tags: remote.tags ? {missing: remote.tags.missing, differ: remote.tags.differ} : null,
		...(remote.fetchError ? {fetchError: {class: remote.fetchError.class, message: remote.fetchError.message}} : {}),
		...(remote.untrusted === undefined ? {} : {untrusted: remote.untrusted}),
	};
}

export function statusDocument(report: StatusReport) {
	return {
		branch: report.branch,
		remotes: report.remotes.map(statusRow),
		divergence: report.divergence,
		queue: report.queue,
	};
}

/** One result of the operation document (also one `--events` result line). */
export function resultDocument(result: OperationResult) {
	return {
		remote: result.remote,
		branch: result.branch,
		...(result.remoteBranch === undefined ? {} : {remoteBranch: result.remoteBranch}),
		...(result.tag === undefined ? {} : {tag: result.tag}),
		status: result.status,
		durationMs: result.durationMs,
		attempts: result.attempts,
		...(result.error ? {error: result.error} : {}),
		...(result.errorClass ? {errorClass: result.errorClass} : {}),
		...(result.vpn ? {vpn: result.vpn} : {}),
		...(result.message ? {message: result.message} : {}),
		...(result.sha ? {sha: result.sha} : {}),
		...(result.wouldLose && result.wouldLose.length > 0 ? {wouldLose: result.wouldLose} : {}),
		...(result.tag !== undefined && result.remoteSha ? {remoteSha: result.remoteSha} : {}),
		...(result.tags && result.tags.length > 0 ? {tags: result.tags} : {}),
	};
}

export function operationDocument(report: OperationReport, extra: {vpnCommands?: string[]} = {}) {
	return {
		results: report.results.map(resultDocument),
		summary: report.summary,
		...(report.notes && report.notes.length > 0 ? {notes: report.notes} : {}),
		...(extra.vpnCommands && extra.vpnCommands.length > 0 ? {vpnCommands: extra.vpnCommands} : {}),
	};
}

/** One remote of the health document (also one `--events` health line). */
export function healthRow(result: HealthResult) {
	return {
		name: result.name,
		url: result.url ?? null,
		reachable: result.reachable,
		class: result.class,
		latencyMs: result.latencyMs,
		...(result.error ? {error: result.error} : {}),
		...(result.vpn ? {vpn: result.vpn} : {}),
	};
}

export function healthDocument(results: readonly HealthResult[]) {
	return {remotes: results.map(healthRow)};
}

export function queueDocument(entries: readonly QueueEntry[]) {
	return {
		entries: entries.map(entry => ({
			remote: entry.remote,
			branch: entry.branch,
			...(entry.remoteBranch === undefined ? {} : {remoteBranch: entry.remoteBranch}),
			sha: entry.sha,
			attempts: entry.attempts,
			lastError: entry.lastError,
			queuedAt: entry.queuedAt,
		})),
	};
}

/** What `--json` prints for each action: the `--events` summary line carries the same document. */
export type JsonDocument =
	| ReturnType<typeof statusDocument>
	| ReturnType<typeof operationDocument>
	| ReturnType<typeof healthDocument>
	| (ReturnType<typeof queueDocument> & {removed?: number});
