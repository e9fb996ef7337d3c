import {execFile} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {deadlineSeconds, withDeadline} from '../../../source/core/process/deadline.js';
import {gitEnv, groupAlive, makeRepo, onCleanup, startSilentSocket, waitFor} from '../../harness/index.js';
import {spawnGroup} from '../../harness/process.js';

/** A PATH with no `timeout` on it: the /bin/sh watchdog takes over (macOS without coreutils). */
const noTimeoutPath = '/nonexistent-bin';

function run(file: string, args: string[], cwd: string): Promise<{code: number | null; stdout: string}> {
	return new Promise(resolve => {
		execFile(file, args, {cwd, env: gitEnv()}, (error, stdout) => resolve({code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout}));
	});
}

describe('per-process deadline (SECURITY.md "No orphans")', () => {
	it('uses coreutils timeout as the group leader when it is on PATH', () => {
		const wrapped = withDeadline('git', ['fetch', '--', 'origin'], 30_000, '/usr/bin:/bin');
		expect(wrapped.wrapper).toBe('timeout');
		expect(wrapped.args).toEqual(['-s', 'KILL', String(deadlineSeconds(30_000)), 'git', 'fetch', '--', 'origin']);
		expect(deadlineSeconds(30_000)).toBeGreaterThan(30);
	});

	it('never takes `timeout` from a relative PATH entry (the repository could ship one)', () => {
		expect(withDeadline('git', ['fetch'], 1000, '.:bin').wrapper).toBe('sh');
	});

	it('the sh watchdog passes git through: output and exit status', async () => {
		const repo = makeRepo();
		const ok = withDeadline('git', ['rev-parse', '--is-inside-work-tree'], 30_000, noTimeoutPath);
		expect(ok.wrapper).toBe('sh');
		expect(await run(ok.file, ok.args, repo)).toEqual({code: 0, stdout: 'true\n'});
		const failing = withDeadline('git', ['rev-parse', '--verify', '--quiet', 'refs/heads/none'], 30_000, noTimeoutPath);
		expect((await run(failing.file, failing.args, repo)).code).toBe(1);
	});

	it('the sh watchdog lets go at once of a program that ends at once: none of 60 runs waits for its sleeper', async () => {
		const repo = makeRepo();
		const wrapped = withDeadline('true', [], 20_000, noTimeoutPath);
		const slow: number[] = [];
		for (let batch = 0; batch < 3; batch++) {
			const runs = await Promise.all(
				Array.from({length: 20}, async () => {
					const started = performance.now();
					await run(wrapped.file, wrapped.args, repo);
					return performance.now() - started;
				}),
			);
			slow.push(...runs.filter(ms => ms > 10_000));
		}

		expect(slow).toEqual([]);
	}, 120_000);

	it('the sh watchdog kills git and its whole group at the deadline, with nobody watching', async () => {
		const repo = makeRepo();
		const silent = await startSilentSocket();
		const wrapped = withDeadline('git', ['fetch', '--', silent.url], 1000, noTimeoutPath);
		const started = spawnGroup(wrapped.file, wrapped.args, {env: gitEnv(), cwd: repo});
		onCleanup(() => started.stop());
		expect(groupAlive(started.pid)).toBe(true);
		const exitCode = await started.exited;
		expect(exitCode).not.toBe(0);
		await waitFor(() => !groupAlive(started.pid), {timeoutMs: 30_000, message: 'the group outlived its deadline'});
	});
});
