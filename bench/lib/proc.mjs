import {spawn} from 'node:child_process';
import {offCleanup, onCleanup} from './cleanup.mjs';

/** Kill a whole process group (a daemon and what it forked); quiet when it is already gone. */
export function killGroup(pid, signal = 'SIGKILL') {
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}

/**
 * Start a long-running process in its own process group and register its stop with cleanup.
 * stdin stays a pipe: helpers written in Node exit when it closes, so even a `kill -9` of the
 * benchmark leaves nothing behind.
 */
export function spawnGroup(command, args, {cwd, env} = {}) {
	const child = spawn(command, args, {cwd, env, detached: true, stdio: ['pipe', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', chunk => (stdout += chunk));
	child.stderr.on('data', chunk => (stderr += chunk));
	child.stdin.on('error', () => {});
	let exited = false;
	const done = new Promise(resolve => child.once('close', () => resolve()));
	const stop = () => {
		// The group may hold forked children still running after the leader exited: kill it once.
		if (child.pid !== undefined) killGroup(child.pid);
		child.stdin.destroy();
		offCleanup(stop);
	};
	child.once('exit', () => (exited = true));
	onCleanup(stop);
	return {
		pid: child.pid,
		child,
		stdout: () => stdout,
		stderr: () => stderr,
		hasExited: () => exited,
		done,
		stop: async () => {
			stop();
			if (!exited) await Promise.race([done, delay(2000)]);
		},
	};
}

/**
 * Run a command to completion and time it (wall clock, process start to exit). Bounded: after
 * `timeoutMs` its process group is killed and this rejects, so a hung run never hangs the bench.
 */
export function timed(command, args, {cwd, env, timeoutMs = 120_000, input, onSpawn} = {}) {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const child = spawn(command, args, {cwd, env, detached: true, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', chunk => (stdout += chunk));
		child.stderr.on('data', chunk => (stderr += chunk));
		if (input !== undefined) child.stdin.end(input);
		if (child.pid !== undefined) onSpawn?.(child.pid);
		const unregister = () => killGroup(child.pid);
		onCleanup(unregister);
		const timer = setTimeout(() => {
			killGroup(child.pid);
			reject(new Error(`timed out after ${timeoutMs} ms: ${command} ${args.join(' ')}\n${stderr.slice(-2000)}`));
		}, timeoutMs);
		child.once('error', error => {
			clearTimeout(timer);
			offCleanup(unregister);
			reject(error);
		});
		child.once('close', (code, signal) => {
			const ms = performance.now() - started;
			clearTimeout(timer);
			// Stragglers it left in its group (none expected) go too; then the pid may be reused.
			killGroup(child.pid);
			offCleanup(unregister);
			resolve({ms, code, signal, stdout, stderr, pid: child.pid});
		});
	});
}

/** Like `timed`, but rejects unless the exit code is one of `okCodes`. */
export async function mustRun(command, args, options = {}) {
	const result = await timed(command, args, options);
	const ok = options.okCodes ?? [0];
	if (!ok.includes(result.code)) {
		throw new Error(`${command} ${args.join(' ')} exited ${result.code ?? result.signal}\n${result.stderr.slice(-3000)}${result.stdout.slice(-1500)}`);
	}
	return result;
}

export function delay(ms) {
	return new Promise(resolve => setTimeout(resolve, ms));
}

/** Poll `check` (sync or async) until it returns a truthy value, or throw after `timeoutMs`. */
export async function waitFor(check, {timeoutMs = 10_000, intervalMs = 25, message = 'condition'} = {}) {
	const deadline = performance.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${message}`);
		await delay(intervalMs);
	}
}
