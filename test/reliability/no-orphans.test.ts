import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {git, makeRepo, startRefusingPort, startSilentSocket, waitFor} from '../harness/index.js';
import {reapOnCleanup, startCli, traceMarker, tracedProcesses, userConfigDir, writeRepoConfig} from './support.js';

/**
 * SECURITY.md "No orphans": a remote-sync killed with SIGKILL (or whose terminal closed)
 * runs no more code, so nothing it started may depend on it to end. Each git process must
 * carry its own bound: here the host accepts and never answers, and remote-sync dies while
 * git waits on it.
 */

function commandLine(pid: number): string[] {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
	} catch {
		return [];
	}
}

const isFetch = (pid: number) => commandLine(pid).includes('fetch');

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

	it('a hung VPN connect_cmd dies by its own deadline after remote-sync is SIGKILLed', async () => {
		const refusing = await startRefusingPort();
		const repo = makeRepo();
		// Unreachable without the VPN, so the smart connect runs connect_cmd.
		git(repo, 'remote', 'add', 'behind', refusing.url);
		writeRepoConfig(repo, {});
		// The user's own VPN (a repo file's commands would wait for trust); only its timeout can end it.
		const xdg = userConfigDir({remotes: {behind: {vpn: 'corp', retry: 0}}, vpn: {corp: {connect_cmd: 'sleep 600 # rst-hung-connect', timeout: 2}}});
		const trace = traceMarker();
		reapOnCleanup(trace.value);
		const cli = startCli(['--fetch', '--remote', 'behind'], {cwd: repo, env: {...trace.env, XDG_CONFIG_HOME: xdg}, timeoutMs: 120_000});
		const connecting = () => tracedProcesses(trace.value).filter(pid => pid !== cli.child.pid && commandLine(pid).some(word => word.includes('rst-hung-connect')));
		await waitFor(() => connecting().length > 0, {timeoutMs: 30_000, message: 'connect_cmd never started'});
		cli.child.kill('SIGKILL');
		await cli.done;

		expect(connecting().length).toBeGreaterThan(0); // The premise: the command outlived remote-sync.
		await waitFor(() => tracedProcesses(trace.value).length === 0, {timeoutMs: 60_000, message: `still running: ${tracedProcesses(trace.value).join(' ')}`});
	}, 150_000);
});
