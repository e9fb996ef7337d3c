import type {HealthResult, OperationReport, OperationResult, PushStatus, QueueEntry} from '../core/model.js';
import type {Palette} from './colors.js';
import {branchPair, formatDuration, shortSha} from './format.js';

const statusGlyph: Record<PushStatus, string> = {
	pushed: '✓',
	'up-to-date': '✓',
	'would-push': '→',
	'would-force': '⚠',
	'would-block': '⊘',
	skipped: '·',
	blocked: '⊘',
	rejected: '✗',
	failed: '✗',
	queued: '⏸',
};

function paintFor(status: PushStatus, palette: Palette): (text: string) => string {
	if (status === 'pushed' || status === 'up-to-date' || status === 'would-push') return palette.green;
	if (status === 'failed' || status === 'rejected') return palette.red;
	if (status === 'skipped') return palette.dim;
	return palette.yellow;
}

/** At most 10 names in a text line (a first push with `tags: all` can send thousands; --json lists every one). */
function listed(names: readonly string[]): string {
	const shown = names.slice(0, 10).join(', ');
	return names.length > 10 ? `${shown} and ${names.length - 10} more` : shown;
}

function resultLines(result: OperationResult, palette: Palette, verbose: boolean): string[] {
	const paint = paintFor(result.status, palette);
	const target = result.tag !== undefined ? `${result.remote} tag ${result.tag}` : result.branch === '*' ? result.remote : `${result.remote}/${branchPair(result.branch, result.remoteBranch)}`;
	const lines = [`  ${paint(statusGlyph[result.status])} ${palette.bold(target)} ${palette.dim(`[${result.status}]`)}`];
	if (result.message) lines.push(`    ${result.message}`);
	if (result.error) lines.push(paint(`    ${result.error}`));
	if (result.tags && result.tags.length > 0) lines.push(`    ${result.status.startsWith('would-') ? 'Would send tags' : 'Tags sent'}: ${listed(result.tags)}`);
	if (result.wouldLose && result.wouldLose.length > 0) {
		lines.push(`    The remote would lose ${result.wouldLose.length} commit(s):`);
		for (const commit of result.wouldLose) lines.push(palette.dim(`      ${commit}`));
	}

	if (result.status !== 'skipped') {
		lines.push(`    Duration: ${formatDuration(result.durationMs)}${result.attempts > 1 ? ` (${result.attempts} attempts)` : ''}`);
	}

	if (result.vpn) lines.push(`    🔒 VPN: ${result.vpn}`);
	if (verbose && result.output) lines.push(...result.output.trimEnd().split('\n').map(line => palette.dim(`    | ${line}`)));
	return lines;
}

export function formatSummary(report: OperationReport, palette: Palette): string {
	const {summary} = report;
	const parts = [`${summary.succeeded} succeeded`, `${summary.failed} failed`];
	if (summary.blocked > 0) parts.push(`${summary.blocked} blocked`);
	if (summary.queued > 0) parts.push(`${summary.queued} queued`);
	if (summary.skipped > 0) parts.push(`${summary.skipped} skipped`);
	const text = `  Summary: ${parts.join(', ')}`;
	return summary.failed > 0 || summary.blocked > 0 ? palette.red(text) : summary.queued > 0 ? palette.yellow(text) : palette.green(text);
}

export function formatOperation(title: string, report: OperationReport, palette: Palette, verbose = false): string {
	const lines = [palette.bold(title)];
	for (const result of report.results) lines.push(...resultLines(result, palette, verbose), '');
	for (const note of report.notes ?? []) lines.push(palette.yellow(`  ${note}`));
	if (report.notes?.length) lines.push('');
	lines.push(formatSummary(report, palette));
	return `${lines.join('\n')}\n`;
}

export function formatHealth(results: readonly HealthResult[], palette: Palette): string {
	const lines = [palette.bold('Remote Health')];
	for (const result of results) {
		const glyph = result.reachable ? palette.green('✓') : palette.red('✗');
		const detail = result.reachable ? `${result.latencyMs} ms` : `${result.class}${result.error ? `: ${result.error}` : ''}`;
		lines.push(`  ${glyph} ${palette.bold(result.name)} ${result.reachable ? palette.dim(detail) : palette.red(detail)}`);
		if (result.url) lines.push(palette.dim(`    ${result.url}`));
		if (result.vpn) lines.push(`    🔒 VPN: ${result.vpn}`);
	}

	const down = results.filter(result => !result.reachable).length;
	lines.push('', down > 0 ? palette.red(`  Summary: ${results.length - down} reachable, ${down} unreachable`) : palette.green(`  Summary: ${results.length} reachable`));
	return `${lines.join('\n')}\n`;
}

export function formatQueue(entries: readonly QueueEntry[], palette: Palette): string {
	if (entries.length === 0) return `${palette.bold('Offline Queue')}\n  empty\n`;
	const lines = [palette.bold('Offline Queue')];
	for (const entry of entries) {
		lines.push(`  ⏸ ${palette.bold(`${entry.remote}/${branchPair(entry.branch, entry.remoteBranch)}`)} ${shortSha(entry.sha)} ${palette.dim(`attempts: ${entry.attempts}, queued ${entry.queuedAt}`)}`);
		lines.push(palette.dim(`    last error: ${entry.lastError}`));
	}

	lines.push('', palette.yellow(`  ${entries.length} queued — run: remote-sync --process-queue`));
	return `${lines.join('\n')}\n`;
}
