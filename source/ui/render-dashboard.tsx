import {render} from 'ink';
import {exitCodeForSignal, exitCodes} from '../core/errors.js';
import type {SyncServiceApi} from '../core/snapshot.js';
import {enterAlternateScreen, restoreSignals, type ProcessLike, type RestoreSignal} from './alternate-screen.js';
import {App} from './app.js';

export {applyTerminalColors} from './terminal-colors.js';

export type DashboardOptions = {
	stdout?: NodeJS.WriteStream;
	stdin?: NodeJS.ReadStream;
	stderr?: NodeJS.WriteStream;
	/** Where signals come from (tests pass an EventEmitter); default: process. */
	process?: ProcessLike;
	/** Minimum ms between snapshot re-renders (default 80). */
	throttleMs?: number;
	/** Upper bound on frames written per second (ink's own throttle; default 12). */
	maxFps?: number;
};

/**
 * Runs the full-screen dashboard until the user quits or a signal arrives, then disposes the
 * service (stopping work, disconnecting VPNs we connected) BEFORE giving the screen back, and
 * resolves with the exit code: 0 after quitting, 130 after quitting in the middle of a push or
 * queue run (SPEC §6: it was interrupted), 130 after SIGINT or SIGHUP, 143 after SIGTERM, 1 when
 * cleanup failed. Rejects (screen restored, service disposed) when the UI itself crashed.
 * A second signal while cleaning up stops waiting: screen restored, the signal's default action.
 */
export function renderDashboard(service: SyncServiceApi, options: DashboardOptions = {}): Promise<number> {
	const stdout = options.stdout ?? process.stdout;
	const stderr = options.stderr ?? process.stderr;
	const proc = options.process ?? (process as unknown as ProcessLike);
	const screen = enterAlternateScreen(stdout, {process: proc, handleSignals: false});

	return new Promise<number>((resolve, reject) => {
		let finishing: Promise<void> | undefined;
		const signalHandlers = new Map<RestoreSignal, () => void>();
		const detachSignals = (): void => {
			for (const [signal, handler] of signalHandlers) proc.off(signal, handler);
			signalHandlers.clear();
		};

		const finish = (code: number, crash?: unknown): void => {
			finishing ??= (async () => {
				let cleanupError: unknown;
				try {
					await service.dispose();
				} catch (error) {
					cleanupError = error;
				}

				instance.unmount();
				screen.restore();
				detachSignals();
				if (crash !== undefined) {
					reject(crash);
					return;
				}

				if (cleanupError !== undefined) {
					const message = cleanupError instanceof Error ? cleanupError.message : String(cleanupError);
					stderr.write(`remote-sync-tui: cleanup failed: ${message}\nCheck that no VPN this program connected is still up, and disconnect it by hand if so.\n`);
					resolve(exitCodes.failed);
					return;
				}

				resolve(code);
			})();
		};

		for (const signal of restoreSignals) {
			const handler = (): void => {
				if (!finishing) {
					finish(exitCodeForSignal(signal));
					return;
				}

				// Asked twice: the user wants out now, cleanup or not.
				detachSignals();
				instance.unmount();
				screen.restore();
				if (proc.listenerCount(signal) === 0) proc.kill(proc.pid, signal);
			};

			signalHandlers.set(signal, handler);
			proc.on(signal, handler);
		}

		let instance: ReturnType<typeof render>;
		try {
			instance = render(<App service={service} onExit={() => finish(quitCode(service))} throttleMs={options.throttleMs} />, {
				stdout,
				stdin: options.stdin ?? process.stdin,
				stderr,
				exitOnCtrlC: false,
				patchConsole: false,
				// Every spinner ticks on its own timer: cap the frames they and progress cause, whatever
				// their number. 20/s keeps a key's frame within 100 ms while pushes stream progress
				// (12/s made keys wait up to 170 ms; see bench/dashboard-cost.mjs and bench/README.md).
				// (ink 6.8's incrementalRendering would send fewer bytes, but it misplaces every frame
				// by one line when the output ends in a newline, as ours does: left off.)
				maxFps: options.maxFps ?? 20,
			});
		} catch (error) {
			detachSignals();
			screen.restore();
			void service.dispose().catch(() => undefined).then(() => reject(error));
			return;
		}

		instance.waitUntilExit().then(
			() => finish(exitCodes.ok),
			(error: unknown) => finish(exitCodes.failed, error),
		);
	});
}

/** Quitting stops what runs: a push or queue delivery cut short is "interrupted", a read is not. */
function quitCode(service: SyncServiceApi): number {
	const interrupting = service.getSnapshot().remotes.some(row => row.activity?.kind === 'push' || row.activity?.kind === 'process-queue');
	return interrupting ? exitCodes.interrupted : exitCodes.ok;
}
