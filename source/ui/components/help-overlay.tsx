import {Box, Text} from 'ink';
import {chordsLabel, keymap} from '../keymap.js';

/** Every key and what it does, generated from the keymap. `?` or Esc closes it. */
export function HelpOverlay({width, height}: {width: number; height: number}) {
	const labels = keymap.map((binding) => chordsLabel(binding));
	const labelWidth = Math.max(...labels.map((label) => label.length)) + 2;
	return (
		<Box width={width} height={height} flexDirection="column" overflow="hidden">
			<Text bold wrap="truncate-end">
				Keys
				<Text dimColor>{'  (? or esc closes)'}</Text>
			</Text>
			{keymap.map((binding, index) => (
				<Box key={binding.intent} height={1} overflow="hidden">
					<Box width={labelWidth} flexShrink={0}>
						<Text bold color="cyan">
							{labels[index]}
						</Text>
					</Box>
					<Text wrap="truncate-end">{binding.description}</Text>
				</Box>
			))}
		</Box>
	);
}
