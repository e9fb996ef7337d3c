import {spawn, type ChildProcess} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {expect} from 'vitest';
import {cliPath, type CliRun} from '../cli/run-cli.js';
import {gitEnv, onCleanup, tempDir} from '../harness/index.js';
import {realClearTimeout, realSetTimeout} from '../harness/process.js';

/**
 * What the reliability and security suites share: the invariants every run must keep (a
 * known exit code, no stack trace, nothing left running, a valid queue), and the probes that
 * check them from outside the program (process environments, canary files, files on disk).
 */

/** A Node stack frame, or the "at file.js:12" tail of one. */
export const stackTrace = /\n\s+at |\bat .*\.js:\d+/;

/** Exit codes the program may end with when it was not interrupted (SPEC §6). */
export const knownExitCodes = [0, 1, 2, 3];

/** Fails unless the run ended by itself with a documented code and no stack trace. */
export function expectCleanEnd(run: CliRun, what = ''): void {
	const context = `${what}\nexit ${run.exitCode}\nstdout: ${run.stdout.slice(0, 2000)}\nstderr: ${run.stderr.slice(0, 2000)}`;
	expect(knownExitCodes, context).toContain(run.exitCode);
	expect(run.stderr, context).not.toMatch(stackTrace);
	expect(run.stdout, context).not.toMatch(stackTrace);
}

export function writeRepoConfig(repo: string, config: unknown): string {
	const file = path.join(repo, '.remotesyncrc.json');
	writeFileSync(file, typeof config === 'string' ? config : JSON.stringify(config, null, 2));
	return file;
}

/** An XDG config dir holding the user's own config.json (trusted: its VPN commands run). */
export function userConfigDir(config: unknown): string {
	const xdg = tempDir('rst-xdg-');
	mkdirSync(path.join(xdg, 'remote-sync'), {recursive: true});
	writeFileSync(path.join(xdg, 'remote-sync', 'config.json'), JSON.stringify(config, null, 2));
	return xdg;
}

/**
 * A unique value put in the environment of one program run. Every process it starts (git,
 * ssh, git-remote-http, VPN shells) inherits it, so /proc shows what is still running.
 */
export function traceMarker(): {env: Record<string, string>; value: string} {
	const value = randomUUID();
	return {env: {RST_TRACE: value}, value};
}

/** Live (non-zombie) processes whose environment carries the marker. */
export function tracedProcesses(marker: string): number[] {
	const needle = `RST_TRACE=${marker}`;
	const found: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const state = stat.slice(stat.lastIndexOf(')') + 2)[0];
			if (state === 'Z' || state === 'X') continue;
			if (readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(needle)) found.push(Number(entry));
		} catch {
			// Gone while we looked, or not ours to read.
		}
	}

	return found;
}

/** Kills whatever a failed test left running under `marker`, so one failure stays one. */
export function reapOnCleanup(marker: string): void {
	onCleanup(() => {
		for (const pid of tracedProcesses(marker)) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				// Already gone.
			}
		}
	});
}

/** The file a command would create if anything ever ran it. */
export function canary(name = 'pwned'): string {
	return path.join(tempDir('rst-canary-'), name);
}

/** Every regular file under `dir` (recursively) with its content, for leak scans. */
export function filesUnder(dir: string): Array<{file: string; text: string}> {
	if (!existsSync(dir)) return [];
	const out: Array<{file: string; text: string}> = [];
	for (const name of readdirSync(dir)) {
		const file = path.join(dir, name);
		const info = statSync(file);
		if (info.isDirectory()) out.push(...filesUnder(file));
		else if (info.isFile()) out.push({file, text: readFileSync(file, 'latin1')});
	}

	return out;
}

/** The queue as any other program reads it: missing, or whole, valid and well-formed. */
export function readQueue(repo: string): Array<{remote: string; branch: string; sha: string; attempts: number; lastError: string}> {
	const file = path.join(repo, '.git', 'remote-sync', 'queue.json');
	if (!existsSync(file)) return [];
	const data = JSON.parse(readFileSync(file, 'utf8')) as {version: number; entries: Array<Record<string, unknown>>};
	expect(data.version).toBe(1);
	for (const entry of data.entries) {
		expect(entry).toMatchObject({remote: expect.any(String), branch: expect.any(String), sha: expect.stringMatching(/^[0-9a-f]{40}$/), attempts: expect.any(Number)});
	}

	return data.entries as ReturnType<typeof readQueue>;
}

export {seededRandom as seeded} from '../harness/random.js';

export type StartedCli = {child: ChildProcess; output(): {stdout: string; stderr: string}; done: Promise<CliRun & {signal: NodeJS.Signals | null}>};

/**
 * The built program as a child we can signal mid-run (runCli only returns at the end).
 * Same isolation as runCli: own HOME and XDG dir, no REMOTE_SYNC_* from the machine.
 */
export function startCli(args: string[], options: {cwd: string; env?: Record<string, string>; timeoutMs?: number}): StartedCli {
	const home = tempDir('rst-cli-home-');
	mkdirSync(path.join(home, '.config'), {recursive: true});
	const env: NodeJS.ProcessEnv = {...gitEnv(), XDG_CONFIG_HOME: path.join(home, '.config'), NO_COLOR: '1'};
	for (const key of Object.keys(env)) if (key.startsWith('REMOTE_SYNC_')) delete env[key];
	Object.assign(env, options.env);
	const started = performance.now();
	const child = spawn(process.execPath, [cliPath, ...args], {cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout!.setEncoding('utf8').on('data', (text: string) => (stdout += text));
	child.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr += text));
	const timer = realSetTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
	onCleanup(() => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	});
	const done = new Promise<CliRun & {signal: NodeJS.Signals | null}>(resolve => {
		child.once('close', (exitCode, signal) => {
			realClearTimeout(timer);
			resolve({exitCode, signal, stdout, stderr, durationMs: performance.now() - started});
		});
	});
	return {child, output: () => ({stdout, stderr}), done};
}
