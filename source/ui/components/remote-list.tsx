import {Box, Text} from 'ink';
import type {DivergencePair} from '../../core/model.js';
import type {RemoteRow} from '../../core/snapshot.js';
import {printableLine} from '../format.js';
import {RemoteRowView, type RowLayout} from './remote-row-view.js';

export function rowLayoutFor(rows: readonly RemoteRow[], width: number): RowLayout {
	const longestName = Math.max(6, ...rows.map((row) => printableLine(row.name).length));
	const vpnLabels = rows.flatMap((row) => (row.vpn ? [`${printableLine(row.vpn.name)}:${row.vpn.state === 'up-ours' ? 'up (ours)' : row.vpn.state}`] : []));
	const nameWidth = Math.min(longestName, width >= 120 ? 24 : 16);
	const showShas = width >= 100;
	const vpnWidth = Math.min(20, Math.max(0, ...vpnLabels.map((label) => label.length)));
	const queueWidth = rows.some((row) => row.queued > 0) ? 10 : 0;
	// Cursor, mark, glyph, name, counts, shas, latency, VPN, queue: what is left is the tail's.
	const fixed = 6 + nameWidth + 1 + 9 + (showShas ? 16 : 0) + 7 + (vpnWidth > 0 ? vpnWidth + 1 : 0) + queueWidth;
	// "⠋ writing " and " 100% 999.9 KiB/s" take 28 cells; the bar gets the rest, within reason.
	const barWidth = Math.min(30, Math.max(6, width - fixed - 28));
	return {width, nameWidth, showShas, vpnWidth, barWidth};
}

/** First visible row so the selected one stays on screen, centred when the list scrolls. */
export function windowStart(selected: number, total: number, visible: number): number {
	if (total <= visible) return 0;
	return Math.min(Math.max(0, selected - Math.floor(visible / 2)), total - visible);
}

/**
 * An untrusted VPN blocks its remotes until the user acts: say what to run, keeping the end
 * of the line (the command) when the terminal is too narrow for all of it.
 */
export function untrustedNotices(rows: readonly RemoteRow[]): string[] {
	const seen = new Map<string, string>();
	for (const row of rows) {
		if (row.vpn?.state !== 'untrusted' || seen.has(row.vpn.name)) continue;
		const command = /run: (.+)$/.exec(row.vpn.reason ?? '')?.[1] ?? 'remote-sync trust';
		seen.set(row.vpn.name, `⚠ vpn ${printableLine(row.vpn.name)}: its commands are not trusted; review them, then run: ${printableLine(command)}`);
	}

	return [...seen.values()];
}

type RemoteListProps = {
	rows: readonly RemoteRow[];
	selectedIndex: number;
	marked: ReadonlySet<string>;
	divergence: readonly DivergencePair[];
	width: number;
	height: number;
};

export function RemoteList({rows, selectedIndex, marked, divergence, width, height}: RemoteListProps) {
	if (rows.length === 0) {
		return (
			<Box width={width} height={Math.min(height, 2)} flexDirection="column">
				<Text wrap="wrap">No remotes to show. Add one with `git remote add NAME URL`, or check `enabled` in .remotesyncrc.json.</Text>
			</Box>
		);
	}

	const layout = rowLayoutFor(rows, width);
	const notices = untrustedNotices(rows).slice(0, Math.max(0, Math.min(2, height - 2)));
	const pairs = divergence.slice(0, Math.max(0, Math.min(2, height - 2 - notices.length)));
	const visible = Math.max(1, height - 1 - pairs.length - notices.length);
	const start = windowStart(selectedIndex, rows.length, visible);
	const shown = rows.slice(start, start + visible);
	const range = rows.length > visible ? ` ${start + 1}-${start + shown.length} of ${rows.length}` : '';
	const columns = `${' '.repeat(6)}${'remote'.padEnd(layout.nameWidth + 1)}${'↑↓'.padEnd(9)}${layout.showShas ? 'local   remote  ' : ''}latency`;

	return (
		<Box width={width} flexDirection="column" flexShrink={0}>
			<Box width={width} height={1} overflow="hidden">
				<Text dimColor wrap="truncate-end">
					{columns}
					{range}
				</Text>
			</Box>
			{shown.map((row, offset) => (
				<RemoteRowView
					key={row.name}
					row={row}
					selected={start + offset === selectedIndex}
					marked={marked.has(row.name)}
					layout={layout}
				/>
			))}
			{notices.map((notice) => (
				<Box key={notice} width={width} height={1} overflow="hidden">
					<Text color="yellow" wrap="truncate-start">{notice}</Text>
				</Box>
			))}
			{pairs.map((pair) => (
				<Box key={`${pair.branch}:${pair.remotes.join(':')}`} width={width} height={1} overflow="hidden">
					<Text color="red" wrap="truncate-end">{printableLine(`⇅ ${pair.remotes[0]} and ${pair.remotes[1]} have diverged from each other on ${pair.branch}`)}</Text>
				</Box>
			))}
		</Box>
	);
}
