import {spawn, type ChildProcess} from 'node:child_process';
import {existsSync, readFileSync, readdirSync} from 'node:fs';
import net from 'node:net';

/**
 * Process and polling primitives shared by the harness servers.
 *
 * Timers are captured at import time: a test that calls vi.useFakeTimers() must not freeze
 * the harness's proxies and polls (they would then never fire and the test would hang).
 */
export const realSetTimeout = globalThis.setTimeout.bind(globalThis);
export const realClearTimeout = globalThis.clearTimeout.bind(globalThis);

export function delay(ms: number): Promise<void> {
	return new Promise(resolve => realSetTimeout(resolve, ms));
}

/** Poll `condition` until it is true; throws `message` after `timeoutMs`. Never unbounded. */
export async function waitFor(
	condition: () => boolean | Promise<boolean>,
	options: {timeoutMs?: number; intervalMs?: number; message?: string} = {},
): Promise<void> {
	const deadline = performance.now() + (options.timeoutMs ?? 5000);
	for (;;) {
		if (await condition()) return;
		if (performance.now() >= deadline) throw new Error(options.message ?? 'condition not met in time');
		await delay(options.intervalMs ?? 20);
	}
}

/** True when something accepts a TCP connection on 127.0.0.1:port (closed right away). */
export function canConnect(port: number, timeoutMs = 500): Promise<boolean> {
	return new Promise(resolve => {
		const socket = net.connect({host: '127.0.0.1', port});
		const done = (ok: boolean) => {
			realClearTimeout(timer);
			socket.destroy();
			resolve(ok);
		};

		const timer = realSetTimeout(() => done(false), timeoutMs);
		socket.once('connect', () => done(true));
		socket.once('error', () => done(false));
	});
}

// Groups that must die even if the worker exits without running afterEach (crash, bail).
const liveGroups = new Set<number>();
process.once('exit', () => {
	for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
});

function killGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
	// -0 is the test runner's own group and -1 every process: a garbled pid must signal nothing.
	if (!Number.isSafeInteger(pid) || pid <= 1) return false;
	try {
		process.kill(-pid, signal);
		return true;
	} catch {
		return false; // ESRCH: the group is gone.
	}
}

/**
 * True while a process of the group `pgid` is alive. Zombies do not count: orphans are
 * reparented to PID 1, which in containers may never reap them.
 */
export function groupAlive(pgid: number): boolean {
	if (!killGroup(pgid, 0)) return false;
	return !existsSync('/proc/self/stat') || groupMembers(pgid) > 0;
}

/** Alive and not a zombie (an orphan's zombie may never be reaped in a container), from Linux /proc. */
export function processRunning(pid: number): boolean {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
	} catch {
		return false;
	}
}

/** Live (non-zombie) processes whose process group is `pgid`, from Linux /proc. */
export function groupMembers(pgid: number): number {
	let count = 0;
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			// After "pid (comm) ": state, ppid, pgrp, ... (comm may contain spaces and parens).
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') count++;
		} catch {
			// The process ended while we looked.
		}
	}

	return count;
}

export type GroupProcess = {
	child: ChildProcess;
	pid: number;
	/** Resolves with the exit code (null when killed by a signal). */
	exited: Promise<number | null>;
	hasExited(): boolean;
	/** What the process wrote to stderr so far (for failure messages). */
	stderr(): string;
	/** SIGTERM the whole group, SIGKILL what is left; idempotent. */
	stop(): Promise<void>;
};

/**
 * Spawn in a new process group (detached), so stop() also kills the children it forks:
 * `git daemon` forks one per connection, `git http-backend` runs upload-pack/receive-pack.
 */
export function spawnGroup(
	command: string,
	args: string[],
	options: {env: NodeJS.ProcessEnv; cwd?: string; stdin?: 'ignore' | 'pipe'; stdout?: 'ignore' | 'pipe'},
): GroupProcess {
	const child = spawn(command, args, {
		env: options.env,
		cwd: options.cwd,
		detached: true,
		stdio: [options.stdin ?? 'ignore', options.stdout ?? 'ignore', 'pipe'],
	});
	if (child.pid === undefined) throw new Error(`could not start ${command}: is it installed and on PATH?`);
	const pid = child.pid;
	liveGroups.add(pid);
	let exitCode: number | null | undefined;
	const exited = new Promise<number | null>(resolve => {
		child.once('exit', code => {
			exitCode = code;
			// Forget the pid now: after it is reused, an exit-time SIGKILL would hit a stranger.
			liveGroups.delete(pid);
			resolve(code);
		});
		child.once('error', () => {
			exitCode = null;
			resolve(null);
		});
	});
	let stderr = '';
	child.stderr?.setEncoding('utf8');
	child.stderr?.on('data', (text: string) => {
		if (stderr.length < 64_000) stderr += text;
	});
	let stopping: Promise<void> | undefined;
	const stop = () => {
		stopping ??= (async () => {
			killGroup(pid, 'SIGTERM');
			await Promise.race([exited, delay(2000)]);
			// Children forked per connection may outlive the leader: finish the group.
			killGroup(pid, 'SIGKILL');
			await waitFor(() => !groupAlive(pid), {timeoutMs: 2000}).catch(() => undefined);
			liveGroups.delete(pid);
		})();
		return stopping;
	};

	return {child, pid, exited, hasExited: () => exitCode !== undefined, stderr: () => stderr, stop};
}
