import {execa} from 'execa';
import {foreignOutput, shownText} from '../text/shown-text.js';
import {timerMs} from '../timer-limit.js';

/**
 * Runs one VPN shell command (connect_cmd, check_cmd, disconnect_cmd). Like runGit:
 * stdin closed, its own process group, and on timeout or abort the WHOLE group is killed
 * (SIGTERM, then SIGKILL) — `sh -c "vpn-client; sleep 100"` leaves nothing behind.
 * It never throws: a command that cannot even start is a failed result.
 *
 * A command that leaves a daemon behind (`openvpn --daemon`, `ssh -f`, `client &`) is the
 * normal case for connect_cmd, so after a clean exit the group is left alone, and pipes a
 * background child keeps open are let go shortly after the shell itself exits.
 */

export type CommandResult = {
	/** Exited 0 in time. */
	ok: boolean;
	exitCode: number | null;
	timedOut: boolean;
	/** Stopped through `signal` (Ctrl-C, shutdown). */
	aborted: boolean;
	durationMs: number;
	/** Output: inert, credentials redacted, bounded (shown-text.ts). */
	stdout: string;
	stderr: string;
	/** Why it could not run at all (spawn failure), redacted. */
	error?: string;
};

export type RunCommandOptions = {
	timeoutMs: number;
	cwd?: string;
	env?: Record<string, string>;
	signal?: AbortSignal;
};

const killGraceMs = 500;
const pipeGraceMs = 250;
const maxOutputBytes = 1024 * 1024;

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
	if (pid === undefined) return;
	try {
		process.kill(-pid, signal);
	} catch {
		// The group is already gone.
	}
}

/** SIGTERM lets a VPN client take its routes down; SIGKILL follows for anything that ignores it. */
function killGroup(pid: number | undefined): void {
	signalGroup(pid, 'SIGTERM');
	setTimeout(() => signalGroup(pid, 'SIGKILL'), killGraceMs).unref();
}

export async function runCommand(command: string, options: RunCommandOptions): Promise<CommandResult> {
	const started = performance.now();
	try {
		return await run(command, options, started);
	} catch (error) {
		// execa reports failures as results (reject: false); this is for the unforeseen.
		const message = error instanceof Error ? error.message : String(error);
		const durationMs = Math.round(performance.now() - started);
		return {ok: false, exitCode: null, timedOut: false, aborted: false, durationMs, stdout: '', stderr: '', error: shownText(message)};
	}
}

async function run(command: string, options: RunCommandOptions, started: number): Promise<CommandResult> {
	let timedOut = false;
	let aborted = false;
	const child = execa(command, {
		shell: true,
		cwd: options.cwd,
		env: options.env,
		stdin: 'ignore',
		detached: true,
		reject: false,
		encoding: 'utf8',
		maxBuffer: maxOutputBytes,
	});
	const pid = child.pid;

	const timer = setTimeout(() => {
		timedOut = true;
		killGroup(pid);
	}, timerMs(options.timeoutMs));
	let exited = false;
	const onAbort = () => {
		// A command that already finished was not interrupted: a connect that succeeded must
		// count as connected (and so be disconnected on shutdown), whenever the abort lands.
		if (exited) return;
		aborted = true;
		killGroup(pid);
	};

	if (options.signal?.aborted) onAbort();
	options.signal?.addEventListener('abort', onAbort, {once: true});
	child.once('exit', () => {
		exited = true;
		setTimeout(() => {
			child.stdout?.destroy();
			child.stderr?.destroy();
		}, pipeGraceMs).unref();
	});

	try {
		const result = await child;
		const exitCode = result.exitCode ?? null;
		// Killed by a signal (timeout, abort, output flood): take its children with it.
		if (exitCode === null) killGroup(pid);
		const spawnFailed = result.failed && exitCode === null && !timedOut && !aborted && result.signal === undefined;
		return {
			ok: exitCode === 0 && !timedOut && !aborted,
			exitCode,
			timedOut,
			aborted,
			durationMs: Math.round(performance.now() - started),
			stdout: foreignOutput(typeof result.stdout === 'string' ? result.stdout : ''),
			stderr: foreignOutput(typeof result.stderr === 'string' ? result.stderr : ''),
			...(spawnFailed ? {error: shownText(result.shortMessage ?? String(result.message))} : {}),
		};
	} finally {
		clearTimeout(timer);
		options.signal?.removeEventListener('abort', onAbort);
	}
}
