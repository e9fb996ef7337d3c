import {exitCodes} from '../core/errors.js';
import type {RefSnapshot} from '../core/status/refs.js';
import type {SyncService} from '../core/sync-service.js';
import {exitCodeForHealth, exitCodeForOperation, exitCodeForStatus} from '../core/service/summary.js';
import {followCiProgress} from '../report/ci-progress.js';
import type {EventAction} from '../report/schema/event-line.js';
import {streamEvents} from '../report/event-stream.js';
import {healthDocument, operationDocument, queueDocument, statusDocument, type JsonDocument} from '../report/json.js';
import {formatHealth, formatOperation, formatQueue} from '../report/text-results.js';
import {branchPair} from '../report/format.js';
import {formatStatus} from '../report/text-status.js';
import type {Action} from './flags.js';
import type {Output} from './output.js';

export type HeadlessRequest = {
	action: Action;
	remotes: string[];
	branch: string;
	force: boolean;
	fetch?: boolean;
	localBranches: string[];
	/** The refs start-up read; nothing has run since, so a status or push takes them as they are. */
	startupRefs?: RefSnapshot;
	/** Filters for queue actions, from --remote / --branch given explicitly. */
	queueFilter: {remotes?: string[]; branch?: string};
};

/** What an action produced: the exit code, the `--json` document and the text report. */
type Outcome = {code: number; document: JsonDocument; text: () => string};

/** `--events` names actions by their flags. */
export const eventAction: Record<Action, EventAction> = {
	status: 'status',
	push: 'push',
	pushAll: 'push-all',
	fetch: 'fetch',
	healthCheck: 'health-check',
	showQueue: 'show-queue',
	processQueue: 'process-queue',
	clearQueue: 'clear-queue',
	importLegacyQueue: 'import-legacy-queue',
};

/** Runs one action on the service and reports it; returns the exit code (SPEC §6). */
export async function runHeadless(service: SyncService, request: HeadlessRequest, out: Output): Promise<number> {
	// Listeners first: the stream and the progress lines see every event of the action.
	const events = out.events ? streamEvents(service, text => out.eventLine(text)) : undefined;
	const stopProgress = out.ciProgress ? followCiProgress(service, text => out.progress(text)) : undefined;
	const stopVerbose = out.verbose ? followVerbose(service, out) : undefined;
	try {
		const {code, document, text} = await run(service, request, out);
		if (events) events.end({action: eventAction[request.action], exitCode: code, document});
		else if (out.json) out.printJson(document);
		else out.result(text());
		return code;
	} finally {
		events?.stop();
		stopProgress?.();
		stopVerbose?.();
	}
}

async function run(service: SyncService, request: HeadlessRequest, out: Output): Promise<Outcome> {
	const remotes = request.remotes.length > 0 ? request.remotes : undefined;
	const dryRun = service.getSnapshot().dryRun;
	switch (request.action) {
		case 'status': {
			const report = await service.status({fetch: request.fetch, remotes, branch: request.branch, knownRefs: request.startupRefs});
			for (const remote of report.remotes) if (remote.fetchError) out.warn(`fetch of ${remote.remote} failed: ${remote.fetchError.message}`);
			return {code: exitCodeForStatus(report), document: statusDocument(report), text: () => formatStatus(report, out.palette)};
		}

		case 'push':
		case 'pushAll': {
			const branches = request.action === 'pushAll' ? request.localBranches : [request.branch];
			const report = await service.push({remotes, branches, force: request.force, statusAfter: out.events, knownRefs: request.startupRefs});
			const vpnCommands = dryRun ? service.plannedVpnCommands() : [];
			reportFailures(report.results, out);
			const title = dryRun ? 'Push Plan (dry run: nothing changes)' : 'Push Results';
			const text = () => formatOperation(title, report, out.palette, out.verbose) + vpnCommands.map(command => `  would run VPN command: ${command}\n`).join('');
			return {code: exitCodeForOperation(report), document: operationDocument(report, {vpnCommands}), text};
		}

		case 'fetch': {
			const report = await service.fetch({remotes});
			reportFailures(report.results, out);
			const title = dryRun ? 'Fetch (dry run: nothing changes)' : 'Fetch Results';
			return {code: exitCodeForOperation(report), document: operationDocument(report), text: () => formatOperation(title, report, out.palette, out.verbose)};
		}

		case 'healthCheck': {
			const results = await service.healthCheck({remotes});
			for (const result of results) if (!result.reachable) out.error(`${result.name} is ${result.class}${result.error ? `: ${result.error}` : ''}`);
			return {code: exitCodeForHealth(results), document: healthDocument(results), text: () => formatHealth(results, out.palette)};
		}

		case 'showQueue': {
			const entries = await service.loadQueue();
			return {code: entries.length > 0 ? exitCodes.queued : exitCodes.ok, document: queueDocument(entries), text: () => formatQueue(entries, out.palette)};
		}

		case 'processQueue': {
			const report = await service.processQueue(request.queueFilter);
			reportFailures(report.results, out);
			const remaining = await service.loadQueue();
			const code = exitCodeForOperation(report);
			const title = dryRun ? 'Queue Plan (dry run: nothing changes)' : 'Queue Results';
			return {
				code: code === exitCodes.ok && remaining.length > 0 && !dryRun ? exitCodes.queued : code,
				document: operationDocument(report),
				text: () => formatOperation(title, report, out.palette, out.verbose),
			};
		}

		case 'clearQueue': {
			const before = await service.loadQueue();
			const removed = dryRun ? 0 : await service.clearQueue(request.queueFilter);
			const after = await service.loadQueue();
			const text = () => (dryRun ? `would clear ${before.length} queued push(es)\n` : `cleared ${removed} queued push(es); ${after.length} left\n`);
			return {code: exitCodes.ok, document: queueDocument(after, {removed}), text};
		}

		case 'importLegacyQueue':
			return importLegacy(service);
	}
}

/** `--import-legacy-queue`: the one way the old tool's queue file gets in (SyncService.importLegacyQueue). */
async function importLegacy(service: SyncService): Promise<Outcome> {
	const outcome = await service.importLegacyQueue();
	const entries = await service.loadQueue();
	const {report} = outcome;
	const document = queueDocument(entries, {from: outcome.path ?? null, renamedTo: report?.renamedTo ?? null, imported: report?.imported ?? 0, skipped: report?.skipped ?? 0, notes: outcome.messages});
	const text = () =>
		[...outcome.messages, ...(report && report.imported > 0 ? [`${entries.length} queued push(es) now; deliver them with --process-queue`] : [])].map(line => `${line}\n`).join('');
	return {code: exitCodes.ok, document, text};
}

function reportFailures(results: ReadonlyArray<{remote: string; branch: string; remoteBranch?: string; status: string; error?: string}>, out: Output): void {
	for (const result of results) {
		if (result.status === 'failed' || result.status === 'rejected' || result.status === 'blocked') {
			out.error(`${result.remote}/${branchPair(result.branch, result.remoteBranch)} ${result.status}${result.error ? `: ${result.error}` : ''}`);
		}
	}
}

function followVerbose(service: SyncService, out: Output): () => void {
	return service.on(event => {
		if (event.type === 'command') out.detail(`$ ${event.argv.join(' ')}  (${event.durationMs} ms, exit ${event.exitCode ?? 'killed'})`);
		else if (event.type === 'vpn') out.detail(`vpn ${event.state.name}: ${event.state.state}${event.state.reason ? ` — ${event.state.reason}` : ''}`);
		else if (event.type === 'warning') out.detail(event.message);
	});
}
