import {gitEnvironment, type NetworkLimits} from './environment.js';
import {lineSplitter} from './line-splitter.js';
import {foreignOutput} from '../text/shown-text.js';
import {LiveGroups} from '../process/process-group.js';
import {runInGroup, type GroupResult} from '../process/run-in-group.js';
import {redact} from './redact.js';
import {configuredSshCommand} from './ssh-config.js';

/**
 * How git runs: through the one process runner (process/run-in-group.ts), with git's choices:
 * - the non-interactive environment (environment.ts), stdin closed (no prompt can wait);
 * - if `timeoutMs` is set (a network call), the whole group (git-remote-http, ssh) is killed
 *   with SIGKILL when it runs out, and reported as timed out; it also carries bounds of its
 *   own that hold if we die (the runner's self deadline, NetworkLimits in environment.ts);
 * - if `stallTimeoutMs` is set, killed the same way when it writes nothing (stdout or
 *   stderr) for that long, and reported as timed out and `stalled`;
 * - killed the same way on `signal` abort, or by `killAllGitProcesses()` on Ctrl-C.
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
	/** stderr as a file polled a few times a second, not a pipe (the runner's `stderrFile`): for --progress. */
	stderrFile?: string;
	signal?: AbortSignal;
	/** Output that is expected to be large (for-each-ref, rev-list) may go over the default. */
	maxBuffer?: number;
	/** Written to git's stdin (`rev-list --stdin`); without it stdin stays closed. */
	input?: string;
};

/** What the process runner says of one git run (its fields documented there), and the argv for the log. */
export type GitOutput = Omit<GroupResult, 'startError'> & {
	/** argv as run, redacted, for the log. */
	argv: string[];
	/** The silence it was allowed, when it ran with one: for "no answer for 10 s". */
	stallTimeoutMs?: number;
};

export class GitNotFoundError extends Error {
	constructor() {
		super('git was not found on PATH: install git (https://git-scm.com) and try again');
		this.name = 'GitNotFoundError';
	}
}

const gitGroups = new LiveGroups();
let spawnCount = 0;
const defaultMaxBuffer = 256 * 1024 * 1024;

/** Processes started so far: benchmarks and tests assert on it. */
export function gitSpawnCount(): number {
	return spawnCount;
}

/** Kill every git process tree still running (Ctrl-C, SIGTERM, exit). */
export function killAllGitProcesses(signal: NodeJS.Signals = 'SIGKILL'): void {
	gitGroups.signalAll(signal);
}

export function liveGitProcessCount(): number {
	return gitGroups.size;
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
	spawnCount++;
	const result = await runInGroup({
		file: 'git',
		args: command.args,
		cwd: command.cwd,
		env: {...gitEnvironment(process.env, network), ...command.env},
		input: command.input,
		timeoutMs: command.timeoutMs,
		stallTimeoutMs: command.stallTimeoutMs,
		// Network calls carry a deadline of their own; local plumbing (and stdin input) runs bare.
		selfDeadline: command.input === undefined,
		signal: command.signal,
		maxBuffer: command.maxBuffer ?? defaultMaxBuffer,
		onStderr: command.onStderrLine && lineSplitter(command.onStderrLine),
		...(command.stderrFile === undefined ? {} : {stderrFile: command.stderrFile}),
		live: gitGroups,
	});
	if (result.startError?.code === 'ENOENT') throw new GitNotFoundError();
	return {
		argv: ['git', ...command.args].map(arg => redact(arg)),
		stdout: result.stdout,
		// A remote's hook writes here: it enters the model inert, redacted and bounded.
		stderr: foreignOutput(result.stderr),
		exitCode: result.exitCode,
		durationMs: result.durationMs,
		timedOut: result.timedOut,
		stalled: result.stalled,
		...(command.stallTimeoutMs === undefined ? {} : {stallTimeoutMs: command.stallTimeoutMs}),
		aborted: result.aborted,
	};
}
