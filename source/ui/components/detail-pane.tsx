import type {ReactNode} from 'react';
import {Box, Text} from 'ink';
import type {ForcePushPolicy, TagPolicy} from '../../core/config/schema.js';
import type {RemoteRow} from '../../core/snapshot.js';
import {branchPair, describeTags, formatAge, formatDuration, plural, resultTone, rowGlyph, printable, shortSha, printableLine} from '../format.js';
import {VpnBadge} from './header.js';

const tagPolicyText: Record<TagPolicy, string> = {
	follow: 'follow (annotated tags on what is pushed)',
	all: 'all (every local tag)',
	none: 'none (no tags pushed)',
};

const policyText: Record<ForcePushPolicy, string> = {
	block: 'block (never force-pushes)',
	warn: 'warn (asks before a force push)',
	allow: 'allow (force-pushes with lease)',
};

function Field({label, children}: {label: string; children: ReactNode}) {
	return (
		<Box height={1} overflow="hidden">
			<Box width={12} flexShrink={0}>
				<Text dimColor>{label}</Text>
			</Box>
			<Text wrap="truncate-end">{children}</Text>
		</Box>
	);
}

function fields(row: RemoteRow, now: number): Array<[string, ReactNode]> {
	const {status, health, lastResult: last} = row;
	const glyph = rowGlyph(row);
	const list: Array<[string, ReactNode]> = [
		['url', row.url === undefined ? '(none: add one with git remote set-url)' : printableLine(row.url)],
		...(row.untrusted === undefined ? [] : [['trust', <Text key="t" color="red">{printableLine(row.untrusted)}</Text>] as [string, ReactNode]]),
		['force push', policyText[row.forcePush]],
		['tag policy', tagPolicyText[row.tags]],
		['branches', printableLine(row.branches.join(', '))],
	];
	if (row.branchMap) list.push(['branch map', printableLine(row.branchMap.map(([local, target]) => branchPair(local, target)).join(', '))]);
	if (row.group) list.push(['group', printableLine(row.group)]);
	list.push(['priority', String(row.priority)]);
	if (status) {
		const fetched = status.fetchedAt ? `fetched ${formatAge(now - Date.parse(status.fetchedAt))}` : 'never fetched';
		list.push(['state', <Text key="s"><Text color={glyph.tone}>{`${glyph.glyph} ${glyph.label}`}</Text>{` ↑${status.ahead} ↓${status.behind} · ${printableLine(branchPair(status.branch, status.remoteBranch))} local ${shortSha(status.local)} remote ${shortSha(status.remoteSha)} · ${fetched}`}</Text>]);
		const tags = status.tags;
		list.push(['tags', <Text key="g" color={tags === undefined ? undefined : tags.differ.length > 0 ? 'red' : tags.missing > 0 ? 'yellow' : 'green'} dimColor={tags === undefined}>{printableLine(describeTags(tags))}</Text>]);
		if (status.fetchError) list.push(['fetch', <Text key="f" color="yellow">{printableLine(`${status.fetchError.message}${status.fetchError.hint ? ` — ${status.fetchError.hint}` : ''}`)}</Text>]);
	}

	if (health) list.push(['health', health.reachable ? `reachable ${Math.round(health.latencyMs)}ms` : <Text key="h" color="red">{`${health.class}${health.error ? `: ${printableLine(health.error)}` : ''}`}</Text>]);
	if (row.vpn) list.push(['vpn', <Text key="v"><VpnBadge vpn={row.vpn} />{row.vpn.reason ? ` ${printableLine(row.vpn.reason)}` : ''}</Text>]);
	if (row.queued > 0) list.push(['queue', <Text key="q" color="yellow">{`${row.queued} queued ${row.queued === 1 ? 'push' : 'pushes'} waiting (r retries)`}</Text>]);
	if (last) {
		const tone = resultTone(last.status);
		list.push(['last', <Text key="l"><Text color={tone}>{`${last.kind} ${last.status}`}</Text>{` ${printableLine(branchPair(last.branch, last.remoteBranch))} · ${formatDuration(last.durationMs)} · ${plural(last.attempts, 'attempt')}`}</Text>]);
		if (last.message) list.push(['', last.message]);
		if (last.error) list.push(['error', <Text key="e" color="red">{`${last.errorClass ? `${last.errorClass}: ` : ''}${printableLine(last.error)}`}</Text>]);
		if (last.wouldLose?.length) list.push(['would lose', last.wouldLose.join(', ')]);
		if (last.tags?.length) list.push([last.status.startsWith('would-') ? 'would tag' : 'tags sent', printableLine(last.tags.join(', '))]);
		for (const line of last.tagResults ?? []) list.push([`tag ${line.status}`, <Text key={`t-${line.tag}`} color={resultTone(line.status)}>{printableLine(line.message ?? line.tag ?? '')}</Text>]);
	}

	return list;
}

type DetailPaneProps = {row: RemoteRow | undefined; now: number; width: number; height: number};

/** Everything known about the selected remote, then the tail of git's output for its last run. */
export function DetailPane({row, now, width, height}: DetailPaneProps) {
	if (!row) return null;
	const shown = fields(row, now).slice(0, Math.max(0, height - 1));
	const outputLines = printable(row.lastResult?.output ?? '').split('\n').filter((line) => line.trim() !== '');
	const room = Math.max(0, height - 1 - shown.length - 1);
	const tail = room > 0 ? outputLines.slice(-room) : [];

	return (
		<Box width={width} height={height} flexDirection="column" overflow="hidden">
			<Text bold wrap="truncate-end">
				{printableLine(row.name)}
				<Text dimColor>{' details'}</Text>
			</Text>
			{shown.map(([label, value], index) => (
				<Field key={`${label}-${index}`} label={label}>
					{value}
				</Field>
			))}
			{tail.length > 0 ? <Text dimColor>git output</Text> : null}
			{tail.map((line, index) => (
				<Text key={index} dimColor wrap="truncate-end">
					{`  ${line}`}
				</Text>
			))}
		</Box>
	);
}
