import {spawn} from 'node:child_process';
import {mkdirSync, readFileSync, symlinkSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {gitEnv, tempDir} from '../harness/index.js';
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

/**
 * Runs the built program (`npm test` builds first) as a real child process, asynchronously:
 * the harness's HTTP servers live in the test process and must keep answering meanwhile.
 * HOME and XDG_CONFIG_HOME are isolated per call unless given.
 */
/**
 * `prefix` runs the program under another command (e.g. `unshare` for a private mount
 * namespace): `prefix[0] ...prefix[1..] node <cli> ...args`.
 */
export async function runCli(
	args: string[],
	options: {cwd: string; env?: Record<string, string>; timeoutMs?: number; program?: string; prefix?: readonly string[]},
): Promise<CliRun> {
	const home = tempDir('rst-cli-home-');
	mkdirSync(path.join(home, '.config'), {recursive: true});
	const env: NodeJS.ProcessEnv = {
		...gitEnv(),
		XDG_CONFIG_HOME: path.join(home, '.config'),
		NO_COLOR: '1',
	};
	// The machine's own settings must not leak into a test; the test's own do apply.
	for (const key of Object.keys(env)) if (key.startsWith('REMOTE_SYNC_')) delete env[key];
	Object.assign(env, options.env);
	const started = performance.now();
	const argv = [...(options.prefix ?? []), process.execPath, options.program ?? cliPath, ...args];
	const child = spawn(argv[0]!, argv.slice(1), {cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
	child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
	const timer = realSetTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
	return new Promise(resolve => {
		child.once('close', exitCode => {
			realClearTimeout(timer);
			resolve({exitCode, stdout, stderr, durationMs: performance.now() - started});
		});
	});
}

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
