import {spawn} from 'node:child_process';
import {chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {gitEnv, onCleanup, tempDir} from '../harness/index.js';
import {realClearTimeout, realSetTimeout} from '../harness/process.js';

const packageRoot = new URL('../../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', packageRoot), 'utf8')) as {bin: Record<ProgramName, string>};

export type ProgramName = 'remote-sync' | 'remote-sync-tui';

/**
 * The built bin files, as package.json names them: the one place tests learn the build layout
 * (`npm test` builds first). Each bin has its own entry file, which decides its mode.
 */
export const binPaths = {
	'remote-sync': fileURLToPath(new URL(manifest.bin['remote-sync'], packageRoot)),
	'remote-sync-tui': fileURLToPath(new URL(manifest.bin['remote-sync-tui'], packageRoot)),
} as const satisfies Record<ProgramName, string>;

/** The headless bin: what most tests run. */
export const cliPath = binPaths['remote-sync'];

export type CliRun = {exitCode: number | null; stdout: string; stderr: string; durationMs: number};

/** A run in progress: stdout as it arrives, each piece numbered by the read that brought it. */
export type LiveCli = {
	/** Complete stdout lines so far, with the index of the stdout read (chunk) each one ended in. */
	lines: Array<{text: string; chunk: number}>;
	/** Reads of stdout so far. */
	chunks(): number;
	running(): boolean;
	done: Promise<CliRun>;
};

/**
 * The environment every run gets: HOME and XDG_CONFIG_HOME isolated per call, the machine's
 * REMOTE_SYNC_* and CI settings removed (a test that wants CI sets it), then the test's own.
 */
function cliEnvironment(extra: Record<string, string> | undefined): NodeJS.ProcessEnv {
	const home = tempDir('rst-cli-home-');
	mkdirSync(path.join(home, '.config'), {recursive: true});
	const env: NodeJS.ProcessEnv = {
		...gitEnv(),
		XDG_CONFIG_HOME: path.join(home, '.config'),
		// The program's own code cache, when it writes one (cli/code-cache-files.ts), stays here too.
		XDG_CACHE_HOME: path.join(home, '.cache'),
		NO_COLOR: '1',
	};
	// NODE_OPTIONS: a developer's V8 flags would keep the build's code cache from serving.
	for (const key of Object.keys(env)) if (key.startsWith('REMOTE_SYNC_') || key === 'CI' || key === 'NODE_OPTIONS') delete env[key];
	Object.assign(env, extra);
	return env;
}

/** Starts a command (stdin closed, no terminal) and follows its output; killed after timeoutMs. */
function follow(command: string, args: string[], options: {cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number}): LiveCli {
	const started = performance.now();
	const child = spawn(command, args, {cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	let chunks = 0;
	let pending = '';
	let running = true;
	const lines: LiveCli['lines'] = [];
	child.stdout.setEncoding('utf8').on('data', (text: string) => {
		stdout += text;
		chunks++;
		const parts = (pending + text).split('\n');
		pending = parts.pop() ?? '';
		for (const part of parts) lines.push({text: part, chunk: chunks});
	});
	child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
	const timer = realSetTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
	// A test that fails half-way still stops what it started.
	onCleanup(() => {
		if (running) child.kill('SIGKILL');
	});
	const done = new Promise<CliRun>(resolve => {
		child.once('close', exitCode => {
			running = false;
			realClearTimeout(timer);
			resolve({exitCode, stdout, stderr, durationMs: performance.now() - started});
		});
	});
	return {lines, chunks: () => chunks, running: () => running, done};
}

export type CliOptions = {
	cwd: string;
	env?: Record<string, string>;
	timeoutMs?: number;
	program?: string;
	/**
	 * Runs the program under another command (e.g. `unshare` for a private mount namespace):
	 * `prefix[0] ...prefix[1..] node <cli> ...args`.
	 */
	prefix?: readonly string[];
};

/**
 * Runs the built program (`npm test` builds first) as a real child process, asynchronously:
 * the harness's HTTP servers live in the test process and must keep answering meanwhile.
 */
export async function runCli(args: string[], options: CliOptions): Promise<CliRun> {
	return startCli(args, options).done;
}

/** Like runCli, but returns at once: the test reads stdout while the program runs. */
export function startCli(args: string[], options: CliOptions): LiveCli {
	// The headless bin unless the test names another program file (binPaths, binAs).
	const argv = [...(options.prefix ?? []), process.execPath, options.program ?? cliPath, ...args];
	return follow(argv[0]!, argv.slice(1), {cwd: options.cwd, env: cliEnvironment(options.env), timeoutMs: options.timeoutMs});
}

/**
 * Runs a shell script (`sh -c`) in which `remote-sync` is the built program on PATH, as a CI
 * job or cron would run a documented command line.
 */
export async function runShell(script: string, options: {cwd: string; env?: Record<string, string>; timeoutMs?: number}): Promise<CliRun> {
	const bin = tempDir('rst-path-');
	for (const name of ['remote-sync', 'remote-sync-tui']) {
		const wrapper = path.join(bin, name);
		writeFileSync(wrapper, `#!/bin/sh\nexec ${quote(process.execPath)} ${quote(cliPath)} "$@"\n`);
		chmodSync(wrapper, 0o755);
	}

	const env = cliEnvironment(options.env);
	env.PATH = `${bin}${path.delimiter}${env.PATH ?? ''}`;
	return follow('/bin/sh', ['-c', script], {cwd: options.cwd, env, timeoutMs: options.timeoutMs}).done;
}

const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

export function parseJson<T = any>(run: CliRun): T {
	try {
		return JSON.parse(run.stdout) as T;
	} catch {
		throw new Error(`stdout is not one JSON document (exit ${run.exitCode}):\n${run.stdout}\nstderr:\n${run.stderr}`);
	}
}

/**
 * A bin file under a name that is not its own (the way a cmd shim or pnpm runs it): the mode
 * must come from the file that runs, never from the name in argv[1].
 */
export function binAs(program: ProgramName, name: string): string {
	const dir = tempDir('rst-bin-');
	const link = path.join(dir, name);
	symlinkSync(binPaths[program], link);
	return link;
}
