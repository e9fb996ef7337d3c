import type {ReactNode} from 'react';
import {Box, Text} from 'ink';
import stringWidth from 'string-width';
import type {RemoteBranchStatus} from '../../core/model.js';
import type {RemoteRow} from '../../core/snapshot.js';
import {formatAge, formatDuration, resultTone, rowGlyph, shortSha, printableLine, tagsCell} from '../format.js';
import {useNow} from '../hooks/use-now.js';
import {ActivityCell} from './activity-cell.js';
import {VpnBadge} from './header.js';

/** Column widths, decided once per list from the terminal width and the rows. */
export type RowLayout = {
	width: number;
	nameWidth: number;
	showShas: boolean;
	vpnWidth: number;
	barWidth: number;
};

function Cell({width, children}: {width: number; children: ReactNode}) {
	return (
		<Box width={width} flexShrink={0}>
			<Text wrap="truncate-end">{children}</Text>
		</Box>
	);
}

function counts(row: RemoteRow): string {
	const status = row.status;
	if (!status) return '';
	const parts = [status.ahead > 0 ? `↑${status.ahead}` : '', status.behind > 0 ? `↓${status.behind}` : ''];
	return parts.filter(Boolean).join(' ');
}

/** "refs from 3h ago · fetch timed out": the state shown is the last known one, and why it is not newer. */
export function staleLabel(status: RemoteBranchStatus, now: number): string {
	const age = status.fetchedAt === undefined ? 'refs never fetched' : `refs from ${formatAge(now - Date.parse(status.fetchedAt))}`;
	const failure = status.fetchError;
	const why = failure === undefined ? 'fetch failed' : failure.class === 'timeout' ? 'fetch timed out' : `fetch ${failure.class}: ${failure.message}`;
	return `${age} · ${why}`;
}

function StaleTail({status}: {status: RemoteBranchStatus}) {
	const now = useNow();
	return <Text color="yellow" wrap="truncate-end">{printableLine(staleLabel(status, now))}</Text>;
}

/** What the row says after its glyph and numbers: live work, else the latest outcome. */
function Tail({row, barWidth}: {row: RemoteRow; barWidth: number}) {
	if (row.activity) return <ActivityCell activity={row.activity} barWidth={barWidth} />;
	if (row.untrusted !== undefined) return <Text color="red" wrap="truncate-end">{row.untrusted}</Text>;
	const last = row.lastResult;
	const healthIsNewer = row.health !== undefined && (last === undefined || (row.healthAt ?? 0) >= last.finishedAt);
	const unreachableNow = row.health !== undefined && !row.health.reachable && healthIsNewer;
	// A failed fetch leaves the last known state on screen: say how old it is, unless a push or a
	// newer health check said more since.
	if (row.status?.stale && !unreachableNow && (last === undefined || last.kind === 'fetch')) return <StaleTail status={row.status} />;
	if (row.health && unreachableNow) {
		return (
			<Text color="red" wrap="truncate-end">
				{row.health.class}
				{row.health.error ? `: ${printableLine(row.health.error)}` : ''}
			</Text>
		);
	}

	if (last) {
		const tone = resultTone(last.status);
		return (
			<Text wrap="truncate-end">
				<Text color={tone} dimColor={tone === undefined}>{`${last.kind} ${last.status}`}</Text>
				<Text dimColor>{` ${formatDuration(last.durationMs)}`}</Text>
				{last.error ? <Text color="red">{` ${printableLine(last.error)}`}</Text> : null}
			</Text>
		);
	}

	if (row.status?.unknownReason === 'not-in-refspec') return <Text dimColor wrap="truncate-end">unknown: the remote's fetch refspec does not fetch this branch</Text>;
	return <Text dimColor>{rowGlyph(row).label}</Text>;
}

/** "→ master": the selected branch's name on this remote, when branch_map renames it. */
function RemoteBranchCell({name}: {name: string}) {
	const text = `→ ${printableLine(name)}`;
	return (
		<Cell width={stringWidth(text) + 1}>
			<Text dimColor>{text}</Text>
		</Cell>
	);
}

type RemoteRowViewProps = {row: RemoteRow; selected: boolean; marked: boolean; layout: RowLayout};

/** One remote on one line: cursor, mark, state glyph, name, ↑↓, shas, latency, VPN, the branch's name there when branch_map renames it, queue, work. */
export function RemoteRowView({row, selected, marked, layout}: RemoteRowViewProps) {
	const glyph = rowGlyph(row);
	const latency = row.health?.reachable ? `${Math.round(row.health.latencyMs)}ms` : '';
	const tags = tagsCell(row.status?.tags);
	return (
		<Box width={layout.width} height={1} overflow="hidden">
			<Cell width={2}>{selected ? <Text bold color="cyan">›</Text> : ' '}</Cell>
			<Cell width={2}>{marked ? <Text color="magenta">●</Text> : ' '}</Cell>
			<Cell width={2}>
				<Text bold color={glyph.tone} dimColor={glyph.tone === undefined}>
					{glyph.glyph}
				</Text>
			</Cell>
			<Cell width={layout.nameWidth + 1}>
				<Text bold={selected}>{printableLine(row.name)}</Text>
			</Cell>
			<Cell width={9}>{counts(row)}</Cell>
			{layout.showShas ? (
				<Cell width={16}>
					<Text dimColor>{`${shortSha(row.status?.local)} ${shortSha(row.status?.remoteSha)}`}</Text>
				</Cell>
			) : null}
			<Cell width={7}>
				<Text dimColor>{latency}</Text>
			</Cell>
			{tags === '' ? null : (
				<Cell width={tags.length + 1}>
					<Text color={row.status?.tags?.differ.length ? 'red' : 'yellow'}>{tags}</Text>
				</Cell>
			)}
			{layout.vpnWidth > 0 ? <Cell width={layout.vpnWidth + 1}>{row.vpn ? <VpnBadge vpn={row.vpn} /> : ''}</Cell> : null}
			{row.status?.remoteBranch === undefined ? null : <RemoteBranchCell name={row.status.remoteBranch} />}
			{row.queued > 0 ? <Cell width={String(row.queued).length + 8}><Text color="yellow">{`${row.queued} queued`}</Text></Cell> : null}
			<Box flexGrow={1} flexShrink={1} minWidth={0}>
				<Tail row={row} barWidth={layout.barWidth} />
			</Box>
		</Box>
	);
}
