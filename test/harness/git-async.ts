import {spawn} from 'node:child_process';
import {realClearTimeout, realSetTimeout} from './process.js';
import {gitEnv} from './repo.js';

export type GitAsyncResult = {exitCode: number | null; stdout: string; stderr: string; durationMs: number; timedOut: boolean};

/**
 * Run git without blocking the event loop. Needed whenever git talks to a server that lives
 * in this process (startHttpGit, startDelayProxy, startSilentSocket): the synchronous git()
 * would freeze the server it waits for. stdin is closed, prompts are off, and on timeout the
 * whole process group (git-remote-http included) is killed. Never throws for a git failure.
 */
export function gitAsync(cwd: string, args: string[], options: {timeoutMs?: number; env?: Record<string, string>} = {}): Promise<GitAsyncResult> {
	const started = performance.now();
	const child = spawn('git', args, {cwd, env: {...gitEnv(), ...options.env}, detached: true, stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
	child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
	let timedOut = false;
	const kill = () => {
		try {
			process.kill(-child.pid!, 'SIGKILL');
		} catch {
			// Already gone.
		}
	};

	const timer = realSetTimeout(() => {
		timedOut = true;
		kill();
	}, options.timeoutMs ?? 30_000);
	return new Promise(resolve => {
		child.once('error', error => {
			realClearTimeout(timer);
			resolve({exitCode: null, stdout, stderr: `${stderr}${error.message}`, durationMs: performance.now() - started, timedOut});
		});
		child.once('close', exitCode => {
			realClearTimeout(timer);
			kill(); // Leftover helpers (git-remote-http) of a git killed by signal.
			resolve({exitCode, stdout: stdout.trim(), stderr, durationMs: performance.now() - started, timedOut});
		});
	});
}

/** gitAsync that throws (with stderr) unless git exits 0; returns trimmed stdout. */
export async function gitAsyncOk(cwd: string, ...args: string[]): Promise<string> {
	const result = await gitAsync(cwd, args);
	if (result.exitCode !== 0) throw new Error(`git ${args.join(' ')} failed (${result.exitCode ?? 'killed'}): ${result.stderr.trim()}`);
	return result.stdout;
}
