import {spawn, type ChildProcess} from 'node:child_process';
import {existsSync} from 'node:fs';

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

export type StartedChild = {child: ChildProcess; done: Promise<ChildResult>};

export function startChild(file: string, args: readonly string[], options: ChildOptions): StartedChild {
	const child = spawn(file, args, {cwd: options.cwd, env: options.env, detached: true, stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe']});
	const collect = () => {
		const chunks: Buffer[] = [];
		let size = 0;
		const onData = (chunk: Buffer) => {
			if (size > options.maxBuffer) return;
			size += chunk.length;
			if (size > options.maxBuffer) {
				chunks.push(chunk.subarray(0, chunk.length - (size - options.maxBuffer)));
				options.onOverflow();
			} else chunks.push(chunk);
		};
		return {onData, text: () => Buffer.concat(chunks).toString('utf8')};
	};

	const stdout = collect();
	const stderr = collect();
	child.stdout?.on('data', stdout.onData);
	child.stderr?.on('data', stderr.onData);
	if (options.input !== undefined && child.stdin) {
		// git may exit before reading everything (a bad revision): that is its answer, not ours to fail on.
		child.stdin.on('error', () => undefined);
		child.stdin.end(options.input);
	}

	const done = new Promise<ChildResult>(resolve => {
		const finish = (exitCode: number | null, startError?: NodeJS.ErrnoException) =>
			resolve({stdout: stdout.text(), stderr: stderr.text(), exitCode: exitCode ?? undefined, ...(startError ? {startError} : {})});
		// A child that never started sends no 'close' of its own; a later error (a failed kill) changes nothing.
		child.once('error', (error: NodeJS.ErrnoException) => {
			if (child.pid !== undefined) return;
			// Node says "spawn git ENOENT" for a missing directory too: say which one is missing.
			if (error.code === 'ENOENT' && options.cwd !== undefined && !existsSync(options.cwd)) error.message = `cannot start ${file}: the directory ${options.cwd} does not exist`;
			finish(null, error);
		});
		child.once('close', exitCode => finish(exitCode));
	});
	return {child, done};
}
