import {exitCodes} from '../core/errors.js';
import type {SyncService} from '../core/sync-service.js';
import {exitCodeForHealth, exitCodeForOperation, exitCodeForStatus} from '../core/service/summary.js';
import {healthDocument, operationDocument, queueDocument, statusDocument} from '../report/json.js';
import {formatHealth, formatOperation, formatQueue} from '../report/text-results.js';
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
	/** Filters for queue actions, from --remote / --branch given explicitly. */
	queueFilter: {remotes?: string[]; branch?: string};
};

/** Runs one action on the service and reports it; returns the exit code (SPEC §6). */
export async function runHeadless(service: SyncService, request: HeadlessRequest, out: Output): Promise<number> {
	const stopVerbose = out.verbose ? followVerbose(service, out) : undefined;
	try {
		return await run(service, request, out);
	} finally {
		stopVerbose?.();
	}
}

async function run(service: SyncService, request: HeadlessRequest, out: Output): Promise<number> {
	const remotes = request.remotes.length > 0 ? request.remotes : undefined;
	const dryRun = service.getSnapshot().dryRun;
	switch (request.action) {
		case 'status': {
			const report = await service.status({fetch: request.fetch, remotes, branch: request.branch});
			if (out.json) out.printJson(statusDocument(report));
			else out.result(formatStatus(report, out.palette));
			for (const remote of report.remotes) if (remote.fetchError) out.warn(`fetch of ${remote.remote} failed: ${remote.fetchError.message}`);
			return exitCodeForStatus(report);
		}

		case 'push':
		case 'pushAll': {
			const branches = request.action === 'pushAll' ? request.localBranches : [request.branch];
			const report = await service.push({remotes, branches, force: request.force});
			const vpnCommands = dryRun ? service.plannedVpnCommands() : [];
			if (out.json) out.printJson(operationDocument(report, {vpnCommands}));
			else {
				out.result(formatOperation(dryRun ? 'Push Plan (dry run: nothing changes)' : 'Push Results', report, out.palette, out.verbose));
				for (const command of vpnCommands) out.result(`  would run VPN command: ${command}\n`);
			}

			reportFailures(report.results, out);
			return exitCodeForOperation(report);
		}

		case 'fetch': {
			const report = await service.fetch({remotes});
			if (out.json) out.printJson(operationDocument(report));
			else out.result(formatOperation(dryRun ? 'Fetch (dry run: nothing changes)' : 'Fetch Results', report, out.palette, out.verbose));
			reportFailures(report.results, out);
			return exitCodeForOperation(report);
		}

		case 'healthCheck': {
			const results = await service.healthCheck({remotes});
			if (out.json) out.printJson(healthDocument(results));
			else out.result(formatHealth(results, out.palette));
			for (const result of results) if (!result.reachable) out.error(`${result.name} is ${result.class}${result.error ? `: ${result.error}` : ''}`);
			return exitCodeForHealth(results);
		}

		case 'showQueue': {
			const entries = await service.loadQueue();
			if (out.json) out.printJson(queueDocument(entries));
			else out.result(formatQueue(entries, out.palette));
			return entries.length > 0 ? exitCodes.queued : exitCodes.ok;
		}

		case 'processQueue': {
			const report = await service.processQueue(request.queueFilter);
			if (out.json) out.printJson(operationDocument(report));
			else out.result(formatOperation(dryRun ? 'Queue Plan (dry run: nothing changes)' : 'Queue Results', report, out.palette, out.verbose));
			reportFailures(report.results, out);
			const remaining = await service.loadQueue();
			const code = exitCodeForOperation(report);
			return code === exitCodes.ok && remaining.length > 0 && !dryRun ? exitCodes.queued : code;
		}

		case 'clearQueue': {
			const before = await service.loadQueue();
			const removed = dryRun ? 0 : await service.clearQueue(request.queueFilter);
			const after = await service.loadQueue();
			if (out.json) out.printJson({removed, ...queueDocument(after)});
			else out.result(dryRun ? `would clear ${before.length} queued push(es)\n` : `cleared ${removed} queued push(es); ${after.length} left\n`);
			return exitCodes.ok;
		}

		case 'importLegacyQueue':
			return importLegacy(service, out);
	}
}

/** `--import-legacy-queue`: the one way the old tool's queue file gets in (SyncService.importLegacyQueue). */
async function importLegacy(service: SyncService, out: Output): Promise<number> {
	const outcome = await service.importLegacyQueue();
	const entries = await service.loadQueue();
	if (out.json) {
		const {report} = outcome;
		out.printJson({from: outcome.path ?? null, renamedTo: report?.renamedTo ?? null, imported: report?.imported ?? 0, skipped: report?.skipped ?? 0, notes: outcome.messages, ...queueDocument(entries)});
	} else {
		for (const message of outcome.messages) out.result(`${message}\n`);
		if (outcome.report && outcome.report.imported > 0) out.result(`${entries.length} queued push(es) now; deliver them with --process-queue\n`);
	}

	return exitCodes.ok;
}

function reportFailures(results: ReadonlyArray<{remote: string; branch: string; status: string; error?: string}>, out: Output): void {
	for (const result of results) {
		if (result.status === 'failed' || result.status === 'rejected' || result.status === 'blocked') {
			out.error(`${result.remote}/${result.branch} ${result.status}${result.error ? `: ${result.error}` : ''}`);
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
