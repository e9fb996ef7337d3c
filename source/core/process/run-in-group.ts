import {startChild, type StartedChild} from './child.js';
import {timerMs} from '../timer-limit.js';
import {missingUnderWrapper, withDeadline} from './deadline.js';
import {endGroup, type LiveGroups} from './process-group.js';
import {watchForStall, type StallWatch} from './stall-watch.js';
import {monotonicMs} from '../clock.js';

/**
 * The one way a program runs (git, VPN commands). Every run:
 * - leads a process group of its own (detached: no controlling terminal, so ssh cannot open
 *   /dev/tty to ask anything), with stdin closed unless `input` is given;
 * - on its deadline (`timeoutMs`), on silence (`stallTimeoutMs`) or on `signal` abort, has its
 *   WHOLE group ended (endGroup: SIGKILL, or SIGTERM → `killGraceMs` → SIGKILL), and is
 *   reported timedOut / stalled / aborted; the run resolves only after that;
 * - when it dies of a signal (an output flood, someone's kill), takes its group with it;
 * - with `selfDeadline`, also carries its deadline itself (deadline.ts), so the group is
 *   killed even if we are SIGKILLed and none of our timers run;
 * - keeps at most `maxBuffer` of each output.
 * A clean exit leaves the group alone. With `daemonMayOutlive` (connect_cmd starting a VPN
 * client) that is the point: pipes a surviving child still holds are let go shortly after
 * the exit, and the deadline and abort no longer apply to it. Without it, whatever holds the
 * pipes is still part of the run and the deadline still ends it. With `stderrFile`, stderr is
 * no pipe that could hold the run, so whatever is left of the group is ended at the exit.
 * It never throws: a program that could not start is `startError`.
 */

export type GroupCommand = {
	file: string;
	args: readonly string[];
	cwd?: string;
	/** The whole environment: nothing else is inherited. */
	env: Record<string, string>;
	/** Written to stdin; without it stdin stays closed so nothing can prompt. */
	input?: string;
	/** End the group after this long. */
	timeoutMs?: number;
	/** End the group when it writes nothing (stdout or stderr) for this long. */
	stallTimeoutMs?: number;
	/** SIGTERM first and SIGKILL after this long; without it, SIGKILL at once. */
	killGraceMs?: number;
	/** The group carries `timeoutMs` itself, so it dies on time even once we are gone. */
	selfDeadline?: boolean;
	/** A clean exit may leave a daemon behind that keeps our pipes open (see above). */
	daemonMayOutlive?: boolean;
	signal?: AbortSignal;
	maxBuffer: number;
	/** Each chunk of stderr as it arrives (progress lines). */
	onStderr?: (chunk: Buffer | string) => void;
	/**
	 * Where stderr may go as a file read a few times a second instead of a pipe read on every
	 * write (child.ts, polled-file.ts): for a program that redraws progress many times a second.
	 * A new file at this path, removed once the run is over; without it, or where it cannot be
	 * made, a pipe.
	 */
	stderrFile?: string;
	/** Remembers the group while it runs, for a shutdown that ends them all. */
	live?: LiveGroups;
};

export type GroupResult = {
	stdout: string;
	stderr: string;
	/** null when it did not exit by itself (killed, or never started). */
	exitCode: number | null;
	durationMs: number;
	timedOut: boolean;
	/** Timed out because it went silent for `stallTimeoutMs` (timedOut is then true too). */
	stalled: boolean;
	aborted: boolean;
	/** It could not be started: `code` ENOENT when the program (or the cwd) is missing. */
	startError?: {code?: string; message: string};
};

const notRun = {stdout: '', stderr: '', exitCode: null, timedOut: false, stalled: false, aborted: false};

// Longer than a clean exit needs to flush its last output; shorter than anyone notices.
const pipeReleaseMs = 250;

// A few updates a second are what a progress bar needs; a stall watch of N ms sees silence
// within a fifth of it.
function stderrFileReads(stallTimeoutMs: number | undefined): number {
	return Math.max(10, Math.min(100, (stallTimeoutMs ?? Infinity) / 5));
}

export async function runInGroup(command: GroupCommand): Promise<GroupResult> {
	const started = monotonicMs();
	const program =
		command.selfDeadline && command.timeoutMs !== undefined
			? withDeadline(command.file, command.args, command.timeoutMs, command.env.PATH ?? '')
			: {file: command.file, args: [...command.args], wrapper: undefined};
	let running: StartedChild;
	let overflowed = false;
	// Output only arrives once the child runs, by when the stall watch below exists.
	let stall: StallWatch | undefined;
	let outputs = 0;
	try {
		running = startChild(program.file, program.args, {
			cwd: command.cwd,
			env: command.env,
			input: command.input,
			maxBuffer: command.maxBuffer,
			...(command.stderrFile === undefined ? {} : {stderrFile: {path: command.stderrFile, everyMs: stderrFileReads(command.stallTimeoutMs)}}),
			onOutput: (stream, chunk) => {
				outputs++;
				stall?.alive();
				if (stream === 'stderr') command.onStderr?.(chunk);
			},
			onOverflow: () => {
				overflowed = true;
				end();
			},
		});
	} catch (error) {
		// A start failure comes as a result; this is for arguments node refuses (a NUL byte in the env).
		const message = error instanceof Error ? error.message : String(error);
		return {...notRun, durationMs: Math.round(monotonicMs() - started), startError: {message}};
	}

	const {child, done} = running;
	const {pid} = child;
	if (pid !== undefined) command.live?.add(pid);

	let ending: Promise<void> | undefined;
	const end = () => {
		if (pid !== undefined) ending ??= endGroup(pid, command.killGraceMs ?? 0);
	};

	let timedOut = false;
	let stalled = false;
	let aborted = false;
	let settled = false;
	const timer =
		command.timeoutMs === undefined
			? undefined
			: setTimeout(() => {
					timedOut = true;
					end();
				}, timerMs(command.timeoutMs));
	stall =
		command.stallTimeoutMs === undefined
			? undefined
			: watchForStall(command.stallTimeoutMs, () => {
					// A file of stderr is read a poll at a time: what it got since the last read is a sign of life too.
					const before = outputs;
					running.readNow();
					if (outputs !== before) return;
					timedOut = true;
					stalled = true;
					end();
				});
	const onAbort = () => {
		if (settled) return;
		aborted = true;
		end();
	};

	const stopWatching = () => {
		settled = true;
		if (timer) clearTimeout(timer);
		stall?.stop();
		command.signal?.removeEventListener('abort', onAbort);
	};

	if (command.signal?.aborted) onAbort();
	command.signal?.addEventListener('abort', onAbort, {once: true});
	if (command.daemonMayOutlive) {
		child.once('exit', code => {
			// Exited by itself: done, whatever it left running. A connect that succeeded must
			// count as connected (and so be disconnected later), whenever an abort lands.
			if (code !== null) stopWatching();
			setTimeout(() => {
				child.stdout?.destroy();
				child.stderr?.destroy();
			}, pipeReleaseMs).unref();
		});
	}

	try {
		const result = await done;
		// Output past maxBuffer was cut: an answer missing its end is no answer.
		const exitCode = overflowed ? null : (result.exitCode ?? null);
		// Killed by a signal that was not ours (output flood, a stranger): its children go too.
		// With stderr in a file, what it left behind holds no pipe of ours (git runs a hook with
		// its stdout on stderr, so a hook's `job &` held only stderr), and the run is over at
		// its exit: what is left of the group goes with it, as the deadline would have ended it.
		if (exitCode === null || (command.stderrFile !== undefined && !command.daemonMayOutlive)) end();
		await ending;
		const {stderr} = result;
		const missing = program.wrapper !== undefined && missingUnderWrapper(command.file, result.exitCode, stderr);
		return {
			stdout: result.stdout,
			stderr,
			exitCode: missing ? null : exitCode,
			durationMs: Math.round(monotonicMs() - started),
			timedOut,
			stalled,
			aborted,
			...(result.startError ? {startError: {code: result.startError.code, message: result.startError.message}} : {}),
			...(missing ? {startError: {code: 'ENOENT', message: `${command.file}: not found`}} : {}),
		};
	} finally {
		stopWatching();
		if (pid !== undefined) command.live?.delete(pid);
	}
}
