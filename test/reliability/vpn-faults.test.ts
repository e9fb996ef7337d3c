import {describe, expect, it} from 'vitest';
import {parseJson, runCli} from '../cli/run-cli.js';
import {commit, makeRepo} from '../harness/index.js';
import {expectCleanEnd, readQueue, reapOnCleanup, traceMarker, tracedProcesses, userConfigDir, writeRepoConfig} from './support.js';

type PushJson = {results: Array<{remote: string; status: string; errorClass?: string; error?: string; vpn?: string}>};

/**
 * VPN commands that misbehave, through the real program (test/core/vpn covers the manager):
 * one hangs, one exits non-zero, one prints binary garbage, terminal escapes and a token.
 * Each remote behind them is queued with a readable reason, in bounded time, and no VPN
 * process outlives the program.
 */
describe('fault injection: broken VPN commands', () => {
	it('a hanging, a failing and a garbage-printing connect_cmd each queue their push with a clean reason', async () => {
		const repo = makeRepo();
		writeRepoConfig(repo, {retry_base_delay: 0.01, retry_max_delay: 0.02});
		// The user's own remotes and VPNs (a repo file's urls and commands would need trust first).
		const xdg = userConfigDir({
			remotes: Object.fromEntries(['hang', 'fails', 'garbage'].map(name => [`behind-${name}`, {url: `/nonexistent/${name}.git`, vpn: name, retry: 0}])),
			vpn: {
				hang: {connect_cmd: 'sleep 30', timeout: 1},
				fails: {connect_cmd: "echo 'no route to concentrator' >&2; exit 7", timeout: 5},
				garbage: {connect_cmd: "head -c 300 /dev/urandom; printf '\\033]0;pwned\\007\\033[2J\\001 https://u:SECRET-G@vpn.invalid \\377'; exit 1", timeout: 5},
			},
		});
		const sha = commit(repo, 'behind broken VPNs');
		const trace = traceMarker();
		reapOnCleanup(trace.value);

		const run = await runCli(['--push', '--json'], {cwd: repo, env: {...trace.env, XDG_CONFIG_HOME: xdg}, timeoutMs: 30_000});
		expectCleanEnd(run);
		const results = Object.fromEntries(parseJson<PushJson>(run).results.map(result => [result.remote, result]));
		for (const name of ['hang', 'fails', 'garbage']) expect(results[`behind-${name}`], name).toMatchObject({status: 'queued', errorClass: 'vpn-down', vpn: name});
		expect(results['behind-hang']!.error).toContain('connect_cmd timed out after 1s');
		expect(results['behind-fails']!.error).toContain('exit 7): no route to concentrator');
		const garbage = results['behind-garbage']!.error!;
		expect(garbage).toContain('exit 1');
		// No terminal control characters reach the user's screen, no token either.
		expect(garbage).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F]/);
		expect(run.stdout + run.stderr).not.toContain('SECRET-G');
		expect(run.exitCode).toBe(3);
		// The hung command cost its timeout once, not more.
		expect(run.durationMs).toBeLessThan(10_000);
		expect(tracedProcesses(trace.value), 'a VPN command outlived the program').toEqual([]);
		expect(readQueue(repo).map(entry => `${entry.remote}@${entry.sha}`).sort()).toEqual(['hang', 'fails', 'garbage'].map(name => `behind-${name}@${sha}`).sort());
	});
});
