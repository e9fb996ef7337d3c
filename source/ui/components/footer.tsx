import {Box, Text} from 'ink';
import {keymap, type KeyBinding} from '../keymap.js';

const separator = '  ';

function itemWidth(binding: KeyBinding): number {
	return [...`${binding.label} ${binding.hint}`].length;
}

/**
 * Which key hints fit in `width` columns: "? help" and "q quit" always (rank 0, placed last),
 * then the others by rank while they fit. Generated from the keymap, never written by hand.
 */
export function footerItems(width: number): KeyBinding[] {
	const ranked = keymap
		.filter((binding) => binding.footerRank !== undefined)
		.sort((a, b) => (a.footerRank ?? 0) - (b.footerRank ?? 0));
	const always = ranked.filter((binding) => binding.footerRank === 0);
	let used = always.reduce((total, binding) => total + itemWidth(binding) + separator.length, 0);
	const chosen: KeyBinding[] = [];
	for (const binding of ranked) {
		if (binding.footerRank === 0) continue;
		const cost = itemWidth(binding) + separator.length;
		if (used + cost > width + separator.length) break;
		chosen.push(binding);
		used += cost;
	}

	return [...chosen, ...always];
}

/** Key hints; in a mode (filter typing, log scrolling) the mode's own keys instead. */
export function Footer({width, mode}: {width: number; mode?: string}) {
	if (mode !== undefined) {
		return (
			<Box width={width} height={1} overflow="hidden">
				<Text color="cyan" wrap="truncate-end">{mode}</Text>
			</Box>
		);
	}

	const items = footerItems(width);
	return (
		<Box width={width} height={1} overflow="hidden">
			<Text wrap="truncate-end">
				{items.map((binding, index) => (
					<Text key={binding.intent}>
						{index > 0 ? separator : ''}
						<Text bold color="cyan">
							{binding.label}
						</Text>
						<Text dimColor>{` ${binding.hint}`}</Text>
					</Text>
				))}
			</Text>
		</Box>
	);
}
