import {Box, Text} from 'ink';
import type {LogEntry} from '../../core/snapshot.js';
import {formatDuration, printableLine} from '../format.js';

function clock(at: number): string {
	const time = new Date(at);
	return [time.getHours(), time.getMinutes(), time.getSeconds()].map((part) => String(part).padStart(2, '0')).join(':');
}

const levelTone = {info: undefined, warn: 'yellow', error: 'red'} as const;

/** What ran, newest last; only as many entries as fit (the engine bounds the history itself). */
export function LogPane({entries, width, height}: {entries: readonly LogEntry[]; width: number; height: number}) {
	const shown = entries.slice(-Math.max(0, height - 1));
	return (
		<Box width={width} height={height} flexDirection="column" overflow="hidden">
			<Text bold wrap="truncate-end">
				log
				<Text dimColor>{entries.length === 0 ? ' (nothing ran yet)' : ` (${entries.length}, newest last; @ hides)`}</Text>
			</Text>
			{shown.map((entry, index) => (
				<Text key={`${entry.at}-${index}`} wrap="truncate-end">
					<Text dimColor>{`${clock(entry.at)} `}</Text>
					<Text color={levelTone[entry.level]}>{printableLine(entry.text)}</Text>
					{entry.durationMs === undefined ? null : <Text dimColor>{` (${formatDuration(entry.durationMs)})`}</Text>}
				</Text>
			))}
		</Box>
	);
}
