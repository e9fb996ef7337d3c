import {execFileSync} from 'node:child_process';
import {randomInt} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {runCommand} from '../../../source/core/vpn/run-command.js';
import {onCleanup, tempDir} from '../../harness/index.js';
import {waitFor} from './fake-vpn.js';

function processesMatching(marker: string): number[] {
	try {
		return execFileSync('pgrep', ['-f', marker], {encoding: 'utf8'}).split('\n').filter(Boolean).map(Number);
	} catch {
		return [];
	}
}

function uniqueSleep(): string {
	const marker = `sleep 100.${randomInt(100_000, 999_999)}`;
	onCleanup(() => {
		for (const pid of processesMatching(marker)) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				// Gone already.
			}
		}
	});
	return marker;
}

describe('runCommand: one VPN shell command, bounded', () => {
	it('captures output and the exit code', async () => {
		const result = await runCommand('echo out; echo err >&2; exit 4', {timeoutMs: 5000});
		expect(result).toMatchObject({ok: false, exitCode: 4, timedOut: false, aborted: false, stdout: 'out', stderr: 'err'});
	});

	it('runs in the given directory with stdin closed', async () => {
		const dir = tempDir();
		const result = await runCommand('pwd; cat; echo done', {timeoutMs: 5000, cwd: dir});
		expect(result).toMatchObject({ok: true, exitCode: 0, stdout: `${dir}\ndone`});
	});

	it('kills the whole process group on timeout: a sleep inside sh -c dies too', async () => {
		const sleep = uniqueSleep();
		const result = await runCommand(`${sleep}; echo finished`, {timeoutMs: 300});
		expect(result).toMatchObject({ok: false, timedOut: true, exitCode: null});
		expect(result.stdout).toBe('');
		await waitFor(() => processesMatching(sleep).length === 0, 'the sleep to die');
	});

	it('kills the whole process group when aborted', async () => {
		const sleep = uniqueSleep();
		const controller = new AbortController();
		const running = runCommand(`${sleep} & wait`, {timeoutMs: 30_000, signal: controller.signal});
		await waitFor(() => processesMatching(sleep).length > 0, 'the sleep to start');
		controller.abort();
		expect(await running).toMatchObject({ok: false, aborted: true});
		await waitFor(() => processesMatching(sleep).length === 0, 'the sleep to die');
	});

	it('returns when the shell exits even if a background child keeps its output open', async () => {
		const sleep = uniqueSleep();
		const result = await runCommand(`${sleep} & echo started`, {timeoutMs: 10_000});
		expect(result).toMatchObject({ok: true, stdout: 'started'});
		expect(result.durationMs).toBeLessThan(5000);
		// A daemon the command started is the point of connect_cmd: it is left running.
		expect(processesMatching(sleep)).toHaveLength(1);
	});

	it('redacts credentials in output', async () => {
		const result = await runCommand('echo https://alice:t0ken@git.example.com/r.git >&2; exit 1', {timeoutMs: 5000});
		expect(result.stderr).toBe('https://***@git.example.com/r.git');
	});

	it('never throws, even for a directory that does not exist', async () => {
		const result = await runCommand('true', {timeoutMs: 5000, cwd: '/nonexistent/rst-dir'});
		expect(result.ok).toBe(false);
		expect(result.error).toMatch(/nonexistent/);
	});
});
