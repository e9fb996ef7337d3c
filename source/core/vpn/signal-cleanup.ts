import {exitCodeForSignal} from '../errors.js';
import {monotonicMs} from '../clock.js';

/**
 * Ctrl-C and SIGTERM must not leave a VPN we connected up (SPEC §4), nor a closed terminal
 * (SIGHUP: an ssh session that dropped mid-push). On the first SIGINT, SIGTERM or SIGHUP the
 * cleanup runs once, bounded by a deadline, then the process exits 130 / 143 / 130 (SIGHUP
 * interrupted the work: core/errors.ts). Exiting that way also runs the exit handlers that
 * remove the run's temporary files (push/push-files.ts).
 * A second signal while cleaning up exits at once: the user insists, and every VPN command
 * is bounded by its own timeout anyway. On a normal end (`beforeExit`) the cleanup runs too.
 */

export type SignalCleanupOptions = {
	/** How to end the process; tests pass their own. Default: process.exit. */
	exit?: (code: number) => void;
	/** Longest the cleanup may take after a signal before we exit anyway. */
	deadlineMs?: number;
};

type HandledSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

const defaultDeadlineMs = 20_000;
// Faster than anyone presses Ctrl-C twice; slower than a re-raised signal arrives.
const echoWindowMs = 300;

export function installSignalCleanup(cleanup: () => Promise<void>, options: SignalCleanupOptions = {}): () => void {
	const exit = options.exit ?? ((code: number) => process.exit(code));
	const deadlineMs = options.deadlineMs ?? defaultDeadlineMs;
	let running: Promise<void> | undefined;
	let signalled = false;
	let first: {signal: HandledSignal; at: number} | undefined;

	const runOnce = async (): Promise<void> => {
		running ??= Promise.resolve()
			.then(cleanup)
			.catch(() => {
				// Cleanup reports its own failures (VPN state); exiting must not depend on it.
			});
		return running;
	};

	const onSignal = (signal: HandledSignal) => {
		const code = exitCodeForSignal(signal);
		if (signalled) {
			// signal-exit (inside execa and proper-lockfile) miscounts the listeners when both of
			// its versions are loaded and re-raises the signal ~1 ms later. That echo is not the
			// user insisting: exiting on it would skip the cleanup (VPN left up, queue locked).
			if (signal === first?.signal && monotonicMs() - first.at < echoWindowMs) return;
			exit(code);
			return;
		}

		signalled = true;
		first = {signal, at: monotonicMs()};
		// A ref'd timer: it also keeps the process alive until the cleanup has had its chance.
		let timer: NodeJS.Timeout | undefined;
		const deadline = new Promise<void>(resolve => {
			timer = setTimeout(resolve, deadlineMs);
		});
		void Promise.race([runOnce(), deadline]).then(() => {
			clearTimeout(timer);
			exit(code);
		});
	};

	const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map(signal => [signal, () => onSignal(signal)] as const);
	const onBeforeExit = () => {
		if (!running) void runOnce();
	};

	for (const [signal, handler] of handlers) process.on(signal, handler);
	process.on('beforeExit', onBeforeExit);
	return () => {
		for (const [signal, handler] of handlers) process.off(signal, handler);
		process.off('beforeExit', onBeforeExit);
	};
}
