import {createContext, useContext, useEffect, useState} from 'react';
import {useStdout} from 'ink';

export type TerminalSize = {columns: number; rows: number};

/**
 * Set by <App size={...}> to pin the size: ink-testing-library has no terminal height, and
 * tests lay the dashboard out at 80×24 and 200×60 without a real terminal.
 */
export const TerminalSizeContext = createContext<TerminalSize | undefined>(undefined);

type SizedStream = {columns?: number; rows?: number};

function read(stdout: SizedStream): TerminalSize {
	// 0 or undefined when not a TTY: fall back to the classic 80×24.
	return {columns: stdout.columns || 80, rows: stdout.rows || 24};
}

/** Columns and rows of the terminal, updated on resize. */
export function useTerminalSize(): TerminalSize {
	const pinned = useContext(TerminalSizeContext);
	const {stdout} = useStdout();
	const [size, setSize] = useState(() => read(stdout));

	useEffect(() => {
		if (pinned) return;
		const onResize = (): void => {
			const next = read(stdout);
			setSize((previous) => (previous.columns === next.columns && previous.rows === next.rows ? previous : next));
		};

		onResize();
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout, pinned]);

	return pinned ?? size;
}
