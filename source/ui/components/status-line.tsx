import {Box, Text} from 'ink';
import {printableLine} from '../format.js';
import type {Notice} from '../hooks/use-operation.js';

/** The outcome of the last key pressed (or its error), and which remotes are marked. */
export function StatusLine({notice, marked, width}: {notice: Notice | undefined; marked: readonly string[]; width: number}) {
	return (
		<Box width={width} height={1} overflow="hidden">
			<Text wrap="truncate-end">
				{marked.length > 0 ? <Text color="magenta">{`● ${printableLine(marked.join(', '))}  `}</Text> : null}
				{notice ? <Text color={notice.level === 'error' ? 'red' : undefined}>{printableLine(notice.text)}</Text> : null}
			</Text>
		</Box>
	);
}
