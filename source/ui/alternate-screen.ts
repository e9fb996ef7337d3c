/**
 * The dashboard runs on the terminal's alternate screen (SPEC §1): the user's scrollback is left
 * untouched and comes back on exit. ink 6 has no option for it, so we write the sequences
 * ourselves and make sure they are undone however the process ends: a normal exit, process.exit,
 * an uncaught exception (before Node prints it, so the trace lands on the normal screen) and —
 * unless the caller handles them — SIGINT, SIGTERM and SIGHUP.
 */

export const enterAltScreen = '\u001B[?1049h';
export const leaveAltScreen = '\u001B[?1049l';
export const hideCursor = '\u001B[?25l';
export const showCursor = '\u001B[?25h';
const home = '\u001B[H';

export type ScreenStream = {write(chunk: string): unknown};

export const restoreSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type RestoreSignal = (typeof restoreSignals)[number];

/** The part of `process` used here; tests pass an EventEmitter. */
export type ProcessLike = {
	on(event: string, listener: (...args: unknown[]) => void): unknown;
	off(event: string, listener: (...args: unknown[]) => void): unknown;
	listenerCount(event: string): number;
	kill(pid: number, signal: string): unknown;
	pid: number;
};

export type AlternateScreen = {
	/** Leave the alternate screen and show the cursor. Idempotent. */
	restore(): void;
	readonly active: boolean;
};

export type AlternateScreenOptions = {
	process?: ProcessLike;
	/**
	 * Restore on SIGINT/SIGTERM/SIGHUP and then die of the signal as if we had not listened.
	 * Pass false when the caller handles signals itself (renderDashboard quits gracefully).
	 */
	handleSignals?: boolean;
};

export function enterAlternateScreen(stream: ScreenStream, options: AlternateScreenOptions = {}): AlternateScreen {
	const proc: ProcessLike = options.process ?? (process as unknown as ProcessLike);
	let active = true;
	const signalHandlers = new Map<RestoreSignal, () => void>();

	const detach = (): void => {
		proc.off('exit', restore);
		proc.off('uncaughtExceptionMonitor', restore);
		for (const [signal, handler] of signalHandlers) proc.off(signal, handler);
		signalHandlers.clear();
	};

	function restore(): void {
		if (!active) return;
		active = false;
		detach();
		stream.write(showCursor + leaveAltScreen);
	}

	stream.write(enterAltScreen + home + hideCursor);
	proc.on('exit', restore);
	// The monitor runs before Node's default handler prints the error and exits; listening to it
	// does not change that behaviour (unlike 'uncaughtException').
	proc.on('uncaughtExceptionMonitor', restore);

	if (options.handleSignals ?? true) {
		for (const signal of restoreSignals) {
			const handler = (): void => {
				restore();
				// Nobody else listens: do what the signal would have done without us.
				if (proc.listenerCount(signal) === 0) proc.kill(proc.pid, signal);
			};

			signalHandlers.set(signal, handler);
			proc.on(signal, handler);
		}
	}

	return {
		restore,
		get active() {
			return active;
		},
	};
}
