import {spawn, type ChildProcess} from 'node:child_process';
import {existsSync} from 'node:fs';
import {openPolledFile, type PolledFile} from './polled-file.js';

/**
 * One child process for run-in-group.ts, on node:child_process alone: its own process group
 * (detached), stdin closed unless there is input, stdout and stderr collected up to
 * `maxBuffer` bytes each. run-in-group decides what a deadline, stall or abort ends; this only
 * starts, collects and reports. (execa did the same with 135 KiB of code to load and a few
 * milliseconds of work per process: a status or push starts a handful.)
 */

export type ChildOptions = {
	cwd?: string;
	env: Record<string, string>;
	/** Written to stdin, which is then closed; without it stdin is /dev/null. */
	input?: string;
	maxBuffer: number;
	/**
	 * stderr goes to this new file, read every `everyMs`, instead of a pipe (polled-file.ts);
	 * the file is removed once the child is done. Where it cannot be made, a pipe it is.
	 */
	stderrFile?: {path: string; everyMs: number};
	/** Output as it arrives: a chunk of stdout or stderr. */
	onOutput(stream: 'stdout' | 'stderr', chunk: Buffer): void;
	/** A stream went past maxBuffer: the caller ends the group (what fitted is kept). */
	onOverflow(): void;
};

export type ChildResult = {
	stdout: string;
	stderr: string;
	/** undefined when killed by a signal or never started. */
	exitCode: number | undefined;
	/** Why it never started (ENOENT: the program is not on PATH, or cwd is gone). */
	startError?: NodeJS.ErrnoException;
};

export type StartedChild = {
	child: ChildProcess;
	done: Promise<ChildResult>;
	/** Reads the stderr file now, not at the next poll (a stall watch asks before it ends a run). */
	readNow(): void;
};

// One read takes at most this much; more waiting is read on the next turn of the event loop,
// not at the next poll. A flood then reaches the output bound as fast as we can read it, and
// no single read holds up the main thread (the dashboard) for long.
const maxRead = 1024 * 1024;

type Collector = {
	onData(chunk: Buffer): void;
	text(): string;
	/** How much more it takes, and one byte past it, so that an overflow is seen. */
	room(): number;
};

function collector(maxBuffer: number, onOverflow: () => void): Collector {
	const chunks: Buffer[] = [];
	let size = 0;
	return {
		onData(chunk) {
			if (size > maxBuffer) return;
			size += chunk.length;
			if (size > maxBuffer) {
				chunks.push(chunk.subarray(0, chunk.length - (size - maxBuffer)));
				onOverflow();
			} else chunks.push(chunk);
		},
		text: () => Buffer.concat(chunks).toString('utf8'),
		room: () => Math.max(0, maxBuffer + 1 - size),
	};
}

export function startChild(file: string, args: readonly string[], options: ChildOptions): StartedChild {
	const stdout = collector(options.maxBuffer, options.onOverflow);
	const stderr = collector(options.maxBuffer, options.onOverflow);
	const fromStdout = (chunk: Buffer) => {
		stdout.onData(chunk);
		options.onOutput('stdout', chunk);
	};
	const fromStderr = (chunk: Buffer) => {
		stderr.onData(chunk);
		options.onOutput('stderr', chunk);
	};

	const polled: PolledFile | undefined = options.stderrFile && openPolledFile(options.stderrFile.path);
	let child: ChildProcess;
	try {
		child = spawn(file, args, {cwd: options.cwd, env: options.env, detached: true, stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', polled?.fd ?? 'pipe']});
	} catch (error) {
		polled?.finish();
		throw error;
	}

	child.stdout?.on('data', fromStdout);
	child.stderr?.on('data', fromStderr);
	// Never more than the collector takes: past it, what is left stays in the file (removed at the end).
	const readOnce = (): boolean => {
		const wanted = Math.min(maxRead, stderr.room());
		const chunk = polled?.read(wanted);
		if (chunk) fromStderr(chunk);
		return chunk !== undefined && chunk.length === wanted && stderr.room() > 0;
	};

	let rereadQueued = false;
	const readStderrFile = () => {
		if (!readOnce() || rereadQueued) return;
		rereadQueued = true;
		setImmediate(() => {
			rereadQueued = false;
			readStderrFile();
		});
	};

	const poll = polled && options.stderrFile ? setInterval(readStderrFile, options.stderrFile.everyMs) : undefined;
	if (options.input !== undefined && child.stdin) {
		// git may exit before reading everything (a bad revision): that is its answer, not ours to fail on.
		child.stdin.on('error', () => undefined);
		child.stdin.end(options.input);
	}

	const done = new Promise<ChildResult>(resolve => {
		const finish = (exitCode: number | null, startError?: NodeJS.ErrnoException) => {
			clearInterval(poll);
			// The child is gone: all it wrote is in the file, and it is read to the end (or the bound) now.
			while (readOnce());
			polled?.finish();
			resolve({stdout: stdout.text(), stderr: stderr.text(), exitCode: exitCode ?? undefined, ...(startError ? {startError} : {})});
		};
		// A child that never started sends no 'close' of its own; a later error (a failed kill) changes nothing.
		child.once('error', (error: NodeJS.ErrnoException) => {
			if (child.pid !== undefined) return;
			// Node says "spawn git ENOENT" for a missing directory too: say which one is missing.
			if (error.code === 'ENOENT' && options.cwd !== undefined && !existsSync(options.cwd)) error.message = `cannot start ${file}: the directory ${options.cwd} does not exist`;
			finish(null, error);
		});
		child.once('close', exitCode => finish(exitCode));
	});
	return {child, done, readNow: () => (polled ? readStderrFile() : undefined)};
}
