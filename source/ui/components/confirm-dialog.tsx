import {Box, Text, useInput} from 'ink';
import type {PendingConfirmation} from '../../core/snapshot.js';
import {branchPair, plural, printableLine} from '../format.js';

type ConfirmDialogProps = {
	confirmation: PendingConfirmation;
	/** Further confirmations queued behind this one. */
	waiting: number;
	width: number;
	onConfirm(confirmation: PendingConfirmation): void;
	onCancel(confirmation: PendingConfirmation): void;
};

/**
 * A force push under `force_push: warn`. The answer defaults to NO: only `y` pushes; `n`, Esc
 * and Enter cancel — Enter-to-force-push accidents are the complaint this dialog exists for.
 */
export function ConfirmDialog({confirmation, waiting, width, onConfirm, onCancel}: ConfirmDialogProps) {
	useInput((input, key) => {
		// The answer names what it answers: a key typed ahead, before this dialog was on screen,
		// reaches at most the previous dialog's listener, which the engine side then ignores.
		if (input === 'y' && !key.ctrl && !key.meta) onConfirm(confirmation);
		else if (input === 'n' || input === 'N' || key.escape || key.return) onCancel(confirmation);
	});

	const {remote, branch, remoteBranch, wouldLose} = confirmation;
	const shown = wouldLose.slice(0, 8);
	return (
		<Box width={width} flexDirection="column" borderStyle="round" borderColor="red" paddingX={1} flexShrink={0}>
			<Text bold wrap="truncate-end">
				Force-push <Text color="cyan">{printableLine(branchPair(branch, remoteBranch))}</Text> to <Text color="cyan">{printableLine(remote)}</Text>?
			</Text>
			<Text wrap="truncate-end">
				{printableLine(remote)} would lose {plural(wouldLose.length, 'commit')}
				{wouldLose.length > 0 ? ':' : '.'}
			</Text>
			{shown.map((commit) => (
				<Text key={commit} color="red" wrap="truncate-end">
					{`  - ${printableLine(commit)}`}
				</Text>
			))}
			{wouldLose.length > shown.length ? <Text dimColor>{`  … and ${wouldLose.length - shown.length} more`}</Text> : null}
			<Text wrap="truncate-end">
				<Text bold color="red">
					y
				</Text>
				{' force push (with lease)   '}
				<Text bold>n / esc / enter</Text>
				{' cancel (default)'}
				{waiting > 0 ? <Text dimColor>{`   ${waiting} more to answer`}</Text> : null}
			</Text>
		</Box>
	);
}
