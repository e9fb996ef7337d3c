import {spawn, type ChildProcess} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {gitEnv, onCleanup} from '../../harness/index.js';

const workerScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'enqueue-worker.mjs');

export type WorkerJob = {cwd: string; sha: string; remotes?: string[]; prefix?: string; staleMs?: number; waitMs?: number; goFile?: string};

export type Worker = {
	child: ChildProcess;
	/** Lines printed so far ("ready", "ack <remote>"). */
	lines: string[];
	acked: () => string[];
	exited: Promise<{code: number | null; signal: NodeJS.Signals | null; stderr: string}>;
	/** Resolves once `predicate` holds for the lines seen, polling; rejects after `timeoutMs`. */
	until: (predicate: (lines: string[]) => boolean, timeoutMs?: number) => Promise<void>;
};

/** A child `node` process enqueuing through the compiled store; killed on cleanup. */
export function startWorker(storeUrl: string, job: WorkerJob): Worker {
	const child = spawn(process.execPath, [workerScript, storeUrl, JSON.stringify(job)], {env: gitEnv(), stdio: ['ignore', 'pipe', 'pipe']});
	onCleanup(() => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	});
	const lines: string[] = [];
	let pending = '';
	let stderr = '';
	child.stdout!.on('data', (chunk: Buffer) => {
		pending += chunk.toString();
		const parts = pending.split('\n');
		pending = parts.pop() ?? '';
		lines.push(...parts);
	});
	child.stderr!.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null; stderr: string}>(resolve => {
		child.on('close', (code, signal) => resolve({code, signal, stderr}));
	});
	const until = async (predicate: (lines: string[]) => boolean, timeoutMs = 20_000) => {
		const deadline = Date.now() + timeoutMs;
		while (!predicate(lines)) {
			if (child.exitCode !== null) throw new Error(`worker exited early (${child.exitCode}): ${stderr}`);
			if (Date.now() > deadline) throw new Error(`worker did not get there in ${timeoutMs} ms; it printed ${lines.join(' | ')}; stderr: ${stderr}`);
			await new Promise(resolve => setTimeout(resolve, 1));
		}
	};

	return {child, lines, acked: () => lines.filter(line => line.startsWith('ack ')).map(line => line.slice(4)), exited, until};
}
