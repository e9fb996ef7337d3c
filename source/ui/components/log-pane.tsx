import {Box, Text} from 'ink';
import type {LogEntry} from '../../core/snapshot.js';
import {formatDuration, printable} from '../format.js';

function clock(at: number): string {
	const time = new Date(at);
	return [time.getHours(), time.getMinutes(), time.getSeconds()].map((part) => String(part).padStart(2, '0')).join(':');
}

const levelTone = {info: undefined, warn: 'yellow', error: 'red'} as const;

/** The entries a pane of `height` lines shows, `scroll` entries up from the newest. */
export function logWindow<T>(entries: readonly T[], height: number, scroll: number): {shown: readonly T[]; first: number} {
	const lines = Math.max(0, height - 1);
	const end = Math.max(0, entries.length - Math.max(0, scroll));
	const first = Math.max(0, end - lines);
	return {shown: entries.slice(first, end), first};
}

/**
 * What ran, newest last; only as many entries as fit (the engine bounds the history itself).
 * Scrolled (`@`, then j/k, pgup/pgdn, g/G), the title says which entries are shown.
 */
export function LogPane({entries, width, height, scroll = 0, focused = false}: {entries: readonly LogEntry[]; width: number; height: number; scroll?: number; focused?: boolean}) {
	const {shown, first} = logWindow(entries, height, scroll);
	const position = scroll > 0 ? `${first + 1}-${first + shown.length} of ${entries.length}, ` : `${entries.length}, `;
	return (
		<Box width={width} height={height} flexDirection="column" overflow="hidden">
			<Text bold wrap="truncate-end" color={focused ? 'cyan' : undefined}>
				log
				<Text dimColor>{entries.length === 0 ? ' (nothing ran yet)' : ` (${position}newest last; ${focused ? 'esc back, @ hides' : '@ scrolls'})`}</Text>
			</Text>
			{shown.map((entry, index) => (
				<Text key={`${entry.at}-${index}`} wrap="truncate-end">
					<Text dimColor>{`${clock(entry.at)} `}</Text>
					<Text color={levelTone[entry.level]}>{printable(entry.text)}</Text>
					{entry.durationMs === undefined ? null : <Text dimColor>{` (${formatDuration(entry.durationMs)})`}</Text>}
				</Text>
			))}
		</Box>
	);
}
