import {Box, Text, useInput} from 'ink';
import SelectInput from 'ink-select-input';
import {printableLine} from '../format.js';

type BranchPickerProps = {
	branches: readonly string[];
	current: string;
	width: number;
	height: number;
	onPick(branch: string): void;
	onCancel(): void;
};

/** Choose which local branch the dashboard shows and pushes. Enter picks, Esc cancels. */
export function BranchPicker({branches, current, width, height, onPick, onCancel}: BranchPickerProps) {
	useInput((_input, key) => {
		if (key.escape) onCancel();
	});

	const items = branches.map((branch) => ({key: branch, label: branch === current ? `${printableLine(branch)} (current)` : printableLine(branch), value: branch}));
	const initialIndex = Math.max(0, branches.indexOf(current));
	return (
		<Box width={width} height={height} flexDirection="column" overflow="hidden">
			<Text bold wrap="truncate-end">
				Branch
				<Text dimColor>{'  (↑↓ move, enter picks, esc cancels)'}</Text>
			</Text>
			{items.length === 0 ? (
				<Text wrap="truncate-end">No local branches yet: make a first commit, then press b again.</Text>
			) : (
				<SelectInput items={items} initialIndex={initialIndex} limit={Math.max(1, height - 1)} onSelect={(item) => onPick(item.value)} />
			)}
		</Box>
	);
}
