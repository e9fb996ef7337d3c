import type {RemoteBranchStatus, StatusReport, SyncState} from '../core/model.js';
import type {Palette} from './colors.js';
import {age, branchPair, describeTags, shortSha} from './format.js';

const glyphs: Record<SyncState, string> = {
	'in-sync': '✓',
	ahead: '↑',
	behind: '↓',
	diverged: '⇅',
	missing: '+',
	unknown: '?',
	filtered: '·',
};

function describe(remote: RemoteBranchStatus): string {
	switch (remote.state) {
		case 'in-sync':
			return 'in sync';
		case 'ahead':
			return `ahead by ${remote.ahead} commit(s)`;
		case 'behind':
			return `behind by ${remote.behind} commit(s)`;
		case 'diverged':
			return `diverged: ahead ${remote.ahead}, behind ${remote.behind}`;
		case 'missing':
			return `branch not on remote (push creates it)`;
		case 'unknown':
			return 'unknown: never fetched (run --fetch)';
		case 'filtered':
			return `not synced: ${remote.notTaken ?? "the remote's branches do not take this branch"}`;
	}
}

function colorFor(state: SyncState, palette: Palette): (text: string) => string {
	if (state === 'in-sync') return palette.green;
	if (state === 'diverged') return palette.red;
	if (state === 'filtered' || state === 'unknown') return palette.dim;
	return palette.yellow;
}

/** The brief's "Sync Status Dashboard", extended with fetch failures and divergence. */
export function formatStatus(report: StatusReport, palette: Palette): string {
	const lines = [palette.bold('Sync Status Dashboard'), `  Branch: ${report.branch}`, ''];
	for (const remote of report.remotes) {
		const paint = colorFor(remote.state, palette);
		lines.push(`  ${paint(glyphs[remote.state])} ${palette.bold(remote.remote)} (priority: ${remote.priority})`);
		if (remote.remoteBranch !== undefined) lines.push(`    Branch: ${branchPair(remote.branch, remote.remoteBranch)}`);
		lines.push(`    State: ${paint(describe(remote))}`);
		if (remote.state !== 'filtered') {
			lines.push(`    Local:  ${shortSha(remote.local)}`);
			lines.push(`    Remote: ${shortSha(remote.remoteSha)}`);
		}

		const tagPaint = remote.tags === undefined ? palette.dim : remote.tags.differ.length > 0 ? palette.red : remote.tags.missing > 0 ? palette.yellow : palette.green;
		lines.push(`    Tags:   ${tagPaint(describeTags(remote.tags))}`);
		if (remote.vpn) lines.push(`    🔒 VPN: ${remote.vpn}`);
		if (remote.untrusted) lines.push(palette.red(`    ✗ ${remote.untrusted}`));
		if (remote.fetchError) {
			lines.push(palette.red(`    ✗ fetch failed (${remote.fetchError.class}): ${remote.fetchError.message} — showing refs from ${age(remote.fetchedAt)}`));
			if (remote.fetchError.hint) lines.push(palette.dim(`      ${remote.fetchError.hint}`));
		}

		lines.push('');
	}

	if (report.divergence.length > 0) {
		lines.push(palette.red('  ⚠ Remotes diverged from each other:'));
		for (const pair of report.divergence) lines.push(palette.red(`    ${pair.remotes[0]} ⇅ ${pair.remotes[1]} on ${pair.branch}`));
		lines.push('');
	}

	if (report.queue.pending > 0) lines.push(palette.yellow(`  ${report.queue.pending} push(es) queued — run: remote-sync --process-queue`));
	return lines.join('\n').replace(/\n+$/, '\n');
}
