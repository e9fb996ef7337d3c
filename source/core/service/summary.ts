import type {HealthResult, OperationReport, OperationResult, OperationSummary, StatusReport} from '../model.js';
import {exitCodes} from '../errors.js';

export function summarize(results: readonly OperationResult[]): OperationSummary {
	const summary: OperationSummary = {succeeded: 0, failed: 0, blocked: 0, skipped: 0, queued: 0};
	for (const result of results) {
		switch (result.status) {
			case 'pushed':
			case 'up-to-date':
			case 'would-push':
			case 'would-force': {
				summary.succeeded++;
				break;
			}

			case 'failed':
			case 'rejected': {
				summary.failed++;
				break;
			}

			case 'blocked':
			case 'would-block': {
				summary.blocked++;
				break;
			}

			case 'skipped': {
				summary.skipped++;
				break;
			}

			case 'queued': {
				summary.queued++;
				break;
			}
		}
	}

	return summary;
}

/** The one place results become exit codes (SPEC §6). */
export function exitCodeForOperation(report: OperationReport): number {
	const {summary} = report;
	if (summary.failed > 0 || summary.blocked > 0) return exitCodes.failed;
	if (summary.queued > 0) return exitCodes.queued;
	return exitCodes.ok;
}

export function exitCodeForStatus(report: StatusReport): number {
	const diverged = report.divergence.length > 0 || report.remotes.some(remote => remote.state === 'diverged');
	return diverged ? exitCodes.failed : exitCodes.ok;
}

export function exitCodeForHealth(results: readonly HealthResult[]): number {
	// An untrusted remote was deliberately not asked (SPEC §6: skipped is not a failure).
	return results.some(result => !result.reachable && result.class !== 'untrusted') ? exitCodes.failed : exitCodes.ok;
}
