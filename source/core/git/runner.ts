import {execa} from 'execa';
import {gitEnvironment} from './environment.js';
import {foreignOutput} from '../text/shown-text.js';
import {lineSplitter} from './line-splitter.js';
import {redact} from './redact.js';
import {timerMs} from '../timer-limit.js';

/**
 * The one way git runs. Every call:
 * - has stdin closed and its own process group (detached: no controlling terminal, so
 *   ssh cannot open /dev/tty to ask anything);
 * - if `timeoutMs` is set, is killed with its whole process tree (git-remote-http, ssh)
 *   when it runs out, and reported as timed out;
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

export async function runGit(command: GitCommand): Promise<GitOutput> {
	const started = performance.now();
	const timeoutSeconds = command.timeoutMs === undefined ? 30 : command.timeoutMs / 1000;
	spawnCount++;
	const child = execa('git', [...command.args], {
		cwd: command.cwd,
		env: {...gitEnvironment(process.env, timeoutSeconds), ...command.env},
		extendEnv: false,
		// Only local plumbing gets input; everything else keeps stdin closed so nothing can prompt.
		...(command.input === undefined ? {stdin: 'ignore' as const} : {input: command.input}),
		detached: true,
		reject: false,
		encoding: 'utf8',
		stripFinalNewline: false,
		maxBuffer: command.maxBuffer ?? 256 * 1024 * 1024,
		cleanup: true,
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
	const onAbort = () => {
		aborted = true;
		killGroup(pid, 'SIGKILL');
	};

	if (command.signal?.aborted) onAbort();
	command.signal?.addEventListener('abort', onAbort, {once: true});

	if (command.onStderrLine && child.stderr) child.stderr.on('data', lineSplitter(command.onStderrLine));

	try {
		const result = await child;
		if ((result as {code?: string}).code === 'ENOENT' || (result.failed && /ENOENT/.test(String(result.message)) && result.exitCode === undefined)) {
			throw new GitNotFoundError();
		}

		return {
			argv: ['git', ...command.args].map(arg => redact(arg)),
			stdout: typeof result.stdout === 'string' ? result.stdout : '',
			// A remote's hook writes here: it enters the model inert, redacted and bounded.
			stderr: foreignOutput(typeof result.stderr === 'string' ? result.stderr : ''),
			exitCode: result.exitCode ?? null,
			durationMs: Math.round(performance.now() - started),
			timedOut,
			aborted,
		};
	} finally {
		if (timer) clearTimeout(timer);
		command.signal?.removeEventListener('abort', onAbort);
		// Children that outlived git itself (a stuck ssh) go with it.
		if (timedOut || aborted) killGroup(pid, 'SIGKILL');
		if (pid !== undefined) liveGroups.delete(pid);
	}
}
