import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {buildFleet, commit, git} from '../harness/index.js';
import {parseJson, runCli} from './run-cli.js';

type StatusJson = {branch: string; remotes: Array<{name: string; state: string; ahead: number; behind: number; fetchError?: {class: string}}>; divergence: unknown[]; queue: {pending: number}};
type HealthJson = {remotes: Array<{name: string; reachable: boolean; class: string; latencyMs: number; error?: string}>};

describe('remote-sync --health-check against every kind of remote', () => {
	it('reports each remote its true class; auth-failed fast, silent times out without holding up others', async () => {
		const fleet = await buildFleet(['local', 'daemon', 'http', 'http-auth', 'refused', 'silent', 'slow']);
		writeFileSync(path.join(fleet.repo, '.remotesyncrc.json'), JSON.stringify({health_check_timeout: 2, max_workers: 8}));
		const run = await runCli(['--health-check', '--json'], {cwd: fleet.repo});
		const doc = parseJson<HealthJson>(run);
		const byName = Object.fromEntries(doc.remotes.map(remote => [remote.name, remote]));
		expect(byName.local?.class).toBe('reachable');
		expect(byName.daemon?.class).toBe('reachable');
		expect(byName.http?.class).toBe('reachable');
		expect(byName.slow?.class).toBe('reachable');
		expect(byName['http-auth']?.class).toBe('auth-failed');
		expect(byName['http-auth']!.latencyMs).toBeLessThan(5000);
		expect(byName.refused?.class).toBe('unreachable');
		expect(byName.silent?.class).toBe('timeout');
		expect(byName.silent!.latencyMs).toBeGreaterThanOrEqual(1900);
		// Parallel: the whole run costs about one timeout, not a sum of them.
		expect(run.durationMs).toBeLessThan(2000 + 8000);
		expect(run.exitCode).toBe(1);
		expect(run.stderr).not.toMatch(/\n\s+at /);
	});
});

describe('remote-sync --status', () => {
	it('fetches every remote, shows failed fetches on their remote, and reports true states', async () => {
		const fleet = await buildFleet(['local', 'daemon', 'http-auth', 'refused']);
		writeFileSync(path.join(fleet.repo, '.remotesyncrc.json'), JSON.stringify({health_check_timeout: 2}));
		commit(fleet.repo, 'local work');
		// Someone else pushed to the daemon remote: after fetch, we are behind there... and ahead.
		const other = path.join(path.dirname(fleet.remotes.daemon!.bare!), 'other-clone');
		git(path.dirname(other), 'clone', '-q', fleet.remotes.daemon!.bare!, other);
		commit(other, 'their work');
		git(other, 'push', '-q', 'origin', 'main');

		const run = await runCli(['--status', '--json'], {cwd: fleet.repo});
		const doc = parseJson<StatusJson>(run);
		const byName = Object.fromEntries(doc.remotes.map(remote => [remote.name, remote]));
		expect(doc.branch).toBe('main');
		expect(byName.local).toMatchObject({state: 'ahead', ahead: 1, behind: 0});
		expect(byName.daemon).toMatchObject({state: 'diverged', ahead: 1, behind: 1});
		expect(byName['http-auth']?.fetchError?.class).toBe('auth-failed');
		expect(byName.refused).toMatchObject({state: 'unknown'});
		expect(byName.refused?.fetchError?.class).toBe('unreachable');
		expect(run.exitCode).toBe(1); // diverged
		expect(run.stderr).toMatch(/fetch of http-auth failed/);
	});

	it('--no-fetch answers from tracking refs without touching the network', async () => {
		const fleet = await buildFleet(['local', 'silent']);
		const run = await runCli(['--status', '--no-fetch', '--json'], {cwd: fleet.repo});
		const doc = parseJson<StatusJson>(run);
		expect(doc.remotes.map(remote => [remote.name, remote.state])).toEqual([
			['local', 'in-sync'],
			['silent', 'unknown'],
		]);
		expect(run.exitCode).toBe(0);
		// The silent remote would have cost a full timeout had we fetched it.
		expect(run.durationMs).toBeLessThan(10_000);
	});

	it('never shows URL credentials, in text or JSON', async () => {
		const fleet = await buildFleet(['local', 'http-auth']);
		git(fleet.repo, 'remote', 'set-url', 'http-auth', fleet.remotes['http-auth']!.urlWithCredentials!);
		git(fleet.repo, 'remote', 'add', 'leaky', 'https://alice:tok3n-very-secret@127.0.0.1:1/x.git');
		writeFileSync(path.join(fleet.repo, '.remotesyncrc.json'), JSON.stringify({retry_base_delay: 0.01, retry_max_delay: 0.02}));
		for (const args of [['--status'], ['--status', '--json'], ['--health-check'], ['--health-check', '--json'], ['--fetch', '--json'], ['--push', '--json', '-v']]) {
			const run = await runCli(args, {cwd: fleet.repo});
			const everything = run.stdout + run.stderr;
			expect(everything, args.join(' ')).not.toContain('tok3n-very-secret');
			expect(everything, args.join(' ')).not.toContain('s3cret');
		}
	});
});
