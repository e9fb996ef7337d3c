import {runInGroup} from '../process/run-in-group.js';
import {foreignOutput, shownText} from '../text/shown-text.js';

/**
 * Runs one VPN shell command (connect_cmd, check_cmd, disconnect_cmd) through the one
 * process runner (process/run-in-group.ts): stdin closed, its own process group, and on
 * timeout or abort the WHOLE group is ended — SIGTERM first, so a VPN client can take its
 * routes down, SIGKILL after a grace — so `sh -c "vpn-client; sleep 100"` leaves nothing
 * behind. It never throws: a command that cannot even start is a failed result.
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
const maxOutputBytes = 1024 * 1024;

/** Output as a shell user reads it: without the newline that ends it. */
function shown(text: string): string {
	return foreignOutput(text.replace(/\r?\n$/, ''));
}

function environment(extra: Record<string, string> | undefined): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
	return {...env, ...extra};
}

export async function runCommand(command: string, options: RunCommandOptions): Promise<CommandResult> {
	const result = await runInGroup({
		file: '/bin/sh',
		args: ['-c', command],
		cwd: options.cwd,
		env: environment(options.env),
		timeoutMs: options.timeoutMs,
		killGraceMs,
		daemonMayOutlive: true,
		// A hung connect_cmd must not outlive us either, even if we are SIGKILLed; a daemon a
		// clean connect left behind is not its child any more, so the wrapper never touches it.
		selfDeadline: true,
		signal: options.signal,
		maxBuffer: maxOutputBytes,
	});
	return {
		ok: result.exitCode === 0 && !result.timedOut && !result.aborted,
		exitCode: result.exitCode,
		timedOut: result.timedOut,
		aborted: result.aborted,
		durationMs: result.durationMs,
		stdout: shown(result.stdout),
		stderr: shown(result.stderr),
		...(result.startError ? {error: shownText(result.startError.message)} : {}),
	};
}
