import {startChild} from './child.js';
import {gitMissingUnderWrapper, withDeadline} from './deadline.js';
import {gitEnvironment, type NetworkLimits} from './environment.js';
import {lineSplitter} from './line-splitter.js';
import {foreignOutput} from '../text/shown-text.js';
import {redact} from './redact.js';
import {configuredSshCommand} from './ssh-config.js';
import {watchForStall} from './stall-watch.js';
import {timerMs} from '../timer-limit.js';

/**
 * The one way git runs. Every call:
 * - has stdin closed and its own process group (detached: no controlling terminal, so
 *   ssh cannot open /dev/tty to ask anything);
 * - if `timeoutMs` is set (a network call), is killed with its whole process tree
 *   (git-remote-http, ssh) when it runs out, and reported as timed out; it also carries
 *   bounds of its own that hold if we die (deadline.ts, NetworkLimits in environment.ts);
 * - if `stallTimeoutMs` is set, is killed the same way when it writes nothing (stdout or
 *   stderr) for that long, and reported as timed out and `stalled`;
 * - is killed the same way on `signal` abort, or by `killAllGitProcesses()` on Ctrl-C.
 * It never throws for a non-zero exit: callers classify the output (classify.ts).
 *
 * simple-git was weighed for this and not used: its timeout kills only the git process,
 * leaving git-remote-https/ssh children alive, and it cannot start a process group.
 */

export type GitCommand = {
	args: readonly string[];
	cwd: string;
	/** Kill the process tree after this long. Set on every network call. */
	timeoutMs?: number;
	/**
	 * Reads only the repository: its timeout bounds a stuck disk or lock, not a remote, so no
	 * ssh or http limits are set up (and no core.sshCommand is looked up for it).
	 */
	local?: boolean;
	/** Kill the process tree when it writes nothing for this long (run fetch/push with --progress). */
	stallTimeoutMs?: number;
	/** Extra environment, on top of the non-interactive one. */
	env?: Record<string, string>;
	/** Called for each line (split on \n and \r: progress uses \r) git writes to stderr. */
	onStderrLine?: (line: string) => void;
	signal?: AbortSignal;
	/** Output that is expected to be large (for-each-ref, rev-list) may go over the default. */
	maxBuffer?: number;
	/** Written to git's stdin (`rev-list --stdin`); without it stdin stays closed. */
	input?: string;
};

export type GitOutput = {
	/** argv as run, redacted, for the log. */
	argv: string[];
	stdout: string;
	stderr: string;
	exitCode: number | null;
	durationMs: number;
	timedOut: boolean;
	/** Timed out because it went silent for `stallTimeoutMs` (timedOut is then true too). */
	stalled: boolean;
	/** The silence it was allowed, when it ran with one: for "no answer for 10 s". */
	stallTimeoutMs?: number;
	aborted: boolean;
};

export class GitNotFoundError extends Error {
	constructor() {
		super('git was not found on PATH: install git (https://git-scm.com) and try again');
		this.name = 'GitNotFoundError';
	}
}

const liveGroups = new Set<number>();
let spawnCount = 0;

/** Processes started so far: benchmarks and tests assert on it. */
export function gitSpawnCount(): number {
	return spawnCount;
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
	if (pid === undefined) return;
	try {
		process.kill(-pid, signal);
	} catch {
		// Already gone.
	}
}

/** Kill every git process tree still running (Ctrl-C, SIGTERM, exit). */
export function killAllGitProcesses(signal: NodeJS.Signals = 'SIGKILL'): void {
	for (const pid of liveGroups) killGroup(pid, signal);
}

export function liveGitProcessCount(): number {
	return liveGroups.size;
}

async function readSshCommand(cwd: string): Promise<string | undefined> {
	const out = await runGit({args: ['config', '--get', 'core.sshCommand'], cwd});
	const value = out.exitCode === 0 ? out.stdout.trim() : '';
	return value.length > 0 ? value : undefined;
}

async function networkLimits(command: GitCommand, timeoutMs: number): Promise<NetworkLimits> {
	return {
		connectTimeoutSeconds: timeoutMs / 1000,
		silenceSeconds: (command.stallTimeoutMs ?? timeoutMs) / 1000,
		configuredSshCommand: await configuredSshCommand(command.cwd, readSshCommand),
	};
}

export async function runGit(command: GitCommand): Promise<GitOutput> {
	const network = command.timeoutMs === undefined || command.local ? undefined : await networkLimits(command, command.timeoutMs);
	const started = performance.now();
	const env = {...gitEnvironment(process.env, network), ...command.env};
	// Network calls run under a deadline of their own; local plumbing (and stdin input) runs bare.
	const program =
		command.timeoutMs === undefined || command.input !== undefined ? {file: 'git', args: [...command.args], wrapper: undefined} : withDeadline(command.args, command.timeoutMs, env.PATH ?? '');
	spawnCount++;
	let overflowed = false;
	// Only local plumbing gets input; everything else keeps stdin closed so nothing can prompt.
	const {child, done} = startChild(program.file, program.args, {
		cwd: command.cwd,
		env,
		input: command.input,
		maxBuffer: command.maxBuffer ?? 256 * 1024 * 1024,
		onOverflow: () => {
			overflowed = true;
			killGroup(pid, 'SIGKILL');
		},
	});
	const pid = child.pid;
	if (pid !== undefined) liveGroups.add(pid);

	let timedOut = false;
	let aborted = false;
	const timer =
		command.timeoutMs === undefined
			? undefined
			: setTimeout(() => {
					timedOut = true;
					killGroup(pid, 'SIGKILL');
				}, timerMs(command.timeoutMs));
	let stalled = false;
	const stall =
		command.stallTimeoutMs === undefined
			? undefined
			: watchForStall(command.stallTimeoutMs, () => {
					timedOut = true;
					stalled = true;
					killGroup(pid, 'SIGKILL');
				});
	if (stall) {
		child.stdout?.on('data', () => stall.alive());
		child.stderr?.on('data', () => stall.alive());
	}

	const onAbort = () => {
		aborted = true;
		killGroup(pid, 'SIGKILL');
	};

	if (command.signal?.aborted) onAbort();
	command.signal?.addEventListener('abort', onAbort, {once: true});

	if (command.onStderrLine && child.stderr) child.stderr.on('data', lineSplitter(command.onStderrLine));

	try {
		const result = await done;
		if (result.spawnError?.code === 'ENOENT') throw new GitNotFoundError();
		if (program.wrapper && gitMissingUnderWrapper(result.exitCode, result.stderr)) throw new GitNotFoundError();

		return {
			argv: ['git', ...command.args].map(arg => redact(arg)),
			stdout: result.stdout,
			// A remote's hook writes here: it enters the model inert, redacted and bounded.
			stderr: foreignOutput(result.stderr),
			// Output past maxBuffer was cut: an answer with a missing end is no answer.
			exitCode: overflowed ? null : (result.exitCode ?? null),
			durationMs: Math.round(performance.now() - started),
			timedOut,
			stalled,
			...(command.stallTimeoutMs === undefined ? {} : {stallTimeoutMs: command.stallTimeoutMs}),
			aborted,
		};
	} finally {
		if (timer) clearTimeout(timer);
		stall?.stop();
		command.signal?.removeEventListener('abort', onAbort);
		// Children that outlived git itself (a stuck ssh) go with it.
		if (timedOut || aborted) killGroup(pid, 'SIGKILL');
		if (pid !== undefined) liveGroups.delete(pid);
	}
}
