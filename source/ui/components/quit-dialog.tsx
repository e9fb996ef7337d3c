import {Box, Text, useInput} from 'ink';
import {plural} from '../format.js';

type QuitDialogProps = {running: number; width: number; onQuit(): void; onCancel(): void};

/**
 * Quitting while work runs stops it: ask first. `y` quits here; `q` again and Ctrl-C quit through
 * the dashboard's key router (so a fast double `q` is never lost); `n`, Esc and Enter stay.
 */
export function QuitDialog({running, width, onQuit, onCancel}: QuitDialogProps) {
	useInput((input, key) => {
		if (input === 'y' && !key.ctrl) onQuit();
		else if (input === 'n' || key.escape || key.return) onCancel();
	});

	return (
		<Box width={width} flexDirection="column" borderStyle="round" borderColor="yellow" paddingX={1} flexShrink={0}>
			<Text bold wrap="truncate-end">
				{plural(running, 'operation')} still running. Quit anyway?
			</Text>
			<Text wrap="truncate-end">Running git commands are stopped; VPNs this program connected are disconnected.</Text>
			<Text wrap="truncate-end">
				<Text bold color="yellow">
					q / y
				</Text>
				{' quit   '}
				<Text bold>n / esc</Text>
				{' keep working'}
			</Text>
		</Box>
	);
}
