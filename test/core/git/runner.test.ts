import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {killAllGitProcesses, liveGitProcessCount, runGit} from '../../../source/core/git/runner.js';
import {runCommand} from '../../../source/core/vpn/run-command.js';
import {git, groupAlive, makeRepo, onCleanup, startSilentSocket, tempDir, waitFor} from '../../harness/index.js';
import {isolateProductGit} from '../../harness/product-env.js';

isolateProductGit();

/**
 * git and the VPN commands share one process runner but not one shutdown: on exit every git
 * group is killed at once, while `disconnect_cmd` still has to run (and a connect in flight is
 * ended through its own abort signal, with its grace).
 */
describe('git runner: its choices over the one process runner', () => {
	it('killAllGitProcesses ends a running network git and leaves VPN commands alone', async () => {
		const repo = makeRepo();
		const silent = await startSilentSocket();
		git(repo, 'remote', 'add', 'hung', silent.url);
		const dir = tempDir('rst-vpn-cmd-');
		const pidFile = path.join(dir, 'vpn.pid');
		const controller = new AbortController();
		onCleanup(() => controller.abort());
		// The command's process group (field 5 of its stat): under its self deadline the group is led by the wrapper, not the shell.
		const vpnCommand = runCommand(`echo $(cut -d' ' -f5 /proc/$$/stat) > '${pidFile}'; sleep 100`, {timeoutMs: 60_000, signal: controller.signal});
		// GIT_TRACE only for the fetch itself: its first line says the fetch (not a config read before it) runs.
		let fetching = false;
		const fetch = runGit({args: ['fetch', '--', 'hung'], cwd: repo, timeoutMs: 60_000, env: {GIT_TRACE: '1'}, onStderrLine: () => (fetching = true)});
		const vpnStarted = () => existsSync(pidFile) && readFileSync(pidFile, 'utf8').endsWith('\n');
		await waitFor(() => fetching && vpnStarted(), {timeoutMs: 20_000, message: 'git fetch and the VPN command never both started'});

		killAllGitProcesses();

		const fetched = await fetch;
		expect(fetched).toMatchObject({exitCode: null, timedOut: false, aborted: false});
		expect(liveGitProcessCount()).toBe(0);
		const vpnGroup = Number(readFileSync(pidFile, 'utf8'));
		expect(groupAlive(vpnGroup)).toBe(true);
		controller.abort();
		expect(await vpnCommand).toMatchObject({ok: false, aborted: true});
		await waitFor(() => !groupAlive(vpnGroup), {message: 'the VPN command outlived its abort'});
	});

	it('a missing git is GitNotFoundError, for local and network calls alike', async () => {
		const repo = makeRepo();
		const env = {PATH: '/nonexistent-bin'};
		await expect(runGit({args: ['status'], cwd: repo, env})).rejects.toThrow(/git was not found on PATH/);
		await expect(runGit({args: ['fetch', '--', 'origin'], cwd: repo, env, timeoutMs: 30_000})).rejects.toThrow(/git was not found on PATH/);
	});
});
