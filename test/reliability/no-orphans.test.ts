import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {git, makeRepo, startSilentSocket, waitFor} from '../harness/index.js';
import {reapOnCleanup, startCli, traceMarker, tracedProcesses, writeRepoConfig} from './support.js';

/**
 * SECURITY.md "No orphans": a remote-sync killed with SIGKILL (or whose terminal closed)
 * runs no more code, so nothing it started may depend on it to end. Each git process must
 * carry its own bound: here the host accepts and never answers, and remote-sync dies while
 * git waits on it.
 */

function isFetch(pid: number): boolean {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes('fetch');
	} catch {
		return false;
	}
}

async function killMidFetch(url: string, config: unknown): Promise<{marker: string; orphans: number[]}> {
	const repo = makeRepo();
	git(repo, 'remote', 'add', 'hung', url);
	writeRepoConfig(repo, config);
	const trace = traceMarker();
	reapOnCleanup(trace.value);
	const cli = startCli(['--fetch', '--remote', 'hung'], {cwd: repo, env: trace.env, timeoutMs: 120_000});
	const others = () => tracedProcesses(trace.value).filter(pid => pid !== cli.child.pid);
	await waitFor(() => others().some(isFetch), {timeoutMs: 30_000, message: 'git fetch never started'});
	cli.child.kill('SIGKILL');
	await cli.done;
	return {marker: trace.value, orphans: others()};
}

describe('no orphans, ever (SECURITY.md)', () => {
	it('git fetch over git:// dies by its own deadline after remote-sync is SIGKILLed', async () => {
		const silent = await startSilentSocket();
		// Only the per-process deadline can end it: stall_timeout is far away, and we are dead anyway.
		const {marker, orphans} = await killMidFetch(silent.url, {stall_timeout: 600, remotes: {hung: {timeout: 2, retry: 0}}});

		expect(orphans.length).toBeGreaterThan(0); // The premise: git outlived remote-sync.
		await waitFor(() => tracedProcesses(marker).length === 0, {timeoutMs: 60_000, message: `still running: ${tracedProcesses(marker).join(' ')}`});
	});

	it('git fetch over http stops on its own when the link is silent for stall_timeout, even with a long timeout', async () => {
		const silent = await startSilentSocket();
		// The deadline is 10 minutes away: curl's own low-speed limit must end it.
		const {marker, orphans} = await killMidFetch(silent.httpUrl, {stall_timeout: 2, remotes: {hung: {timeout: 600, retry: 0}}});

		expect(orphans.length).toBeGreaterThan(0);
		await waitFor(() => tracedProcesses(marker).length === 0, {timeoutMs: 60_000, message: `still running: ${tracedProcesses(marker).join(' ')}`});
	});
});
