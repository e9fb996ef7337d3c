import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {HealthResult} from '../../../source/core/model.js';
import {probeArgs, probeRemote} from '../../../source/core/status/health.js';
import {mapBounded} from '../../../source/core/service/bounded.js';
import {buildFleet, makeRepo, startHttpGit, tempDir} from '../../harness/index.js';
import {isolateProductGit, remote} from './helpers.js';

isolateProductGit();

describe('health check (SPEC §3, §4)', () => {
	it('reports a local bare remote and a git daemon as reachable, with latency', async () => {
		const fleet = await buildFleet(['local', 'daemon']);
		for (const name of ['local', 'daemon']) {
			const result = await probeRemote({cwd: fleet.repo, remote: remote(name, {url: fleet.remotes[name]!.url}), timeoutSeconds: 5});
			expect(result).toMatchObject({name, reachable: true, class: 'reachable'});
			expect(result.latencyMs).toBeGreaterThanOrEqual(0);
			expect(result.error).toBeUndefined();
		}
	});

	it('asks only for branches, and prints nothing of them', () => {
		expect(probeArgs(remote('-x'))).toEqual(['ls-remote', '--heads', '--', '-x', 'refs/heads/remote-sync-health-probe']);
		expect(probeArgs(remote('y', {inGit: false, url: '/srv/y.git'}))).toEqual(['ls-remote', '--heads', '--', '/srv/y.git', 'refs/heads/remote-sync-health-probe']);
	});

	it('reports a path that does not exist as not-found', async () => {
		const url = path.join(tempDir(), 'missing.git');
		const result = await probeRemote({cwd: makeRepo(), remote: remote('gone', {inGit: false, url}), timeoutSeconds: 5});
		expect(result).toMatchObject({reachable: false, class: 'not-found', url});
		expect(result.error).toContain('git remote -v');
	});

	it('reports a remote without any URL as other, saying how to add one', async () => {
		const result = await probeRemote({cwd: makeRepo(), remote: remote('ghost', {inGit: false}), timeoutSeconds: 5});
		expect(result).toMatchObject({reachable: false, class: 'other', latencyMs: 0});
		expect(result.error).toMatch(/ghost has no URL.*git remote add ghost/);
	});

	it('reports a refused connection as unreachable, fast', async () => {
		const fleet = await buildFleet(['refused']);
		const result = await probeRemote({cwd: fleet.repo, remote: remote('refused', {url: fleet.remotes.refused!.url}), timeoutSeconds: 30});
		expect(result).toMatchObject({reachable: false, class: 'unreachable'});
		expect(result.latencyMs).toBeLessThan(5000);
	});

	it('times a silent host out after timeoutSeconds while another probe of the batch finishes first', async () => {
		const fleet = await buildFleet(['silent', 'local']);
		const finished: string[] = [];
		const results = await mapBounded(['silent', 'local'], 2, async name => {
			const result = await probeRemote({cwd: fleet.repo, remote: remote(name, {url: fleet.remotes[name]!.url}), timeoutSeconds: 1});
			finished.push(name);
			return result;
		}, () => undefined);
		expect(finished).toEqual(['local', 'silent']);
		const [silent, local] = results as [HealthResult, HealthResult];
		expect(local.class).toBe('reachable');
		expect(silent).toMatchObject({reachable: false, class: 'timeout'});
		expect(silent.latencyMs).toBeGreaterThanOrEqual(900);
		expect(silent.latencyMs).toBeLessThan(5000);
		expect(silent.error).toContain('within 1 s');
	});

	it('reports an HTTP remote that wants a password as auth-failed in seconds, never prompting', async () => {
		const fleet = await buildFleet(['http-auth']);
		const result = await probeRemote({cwd: fleet.repo, remote: remote('http-auth', {url: fleet.remotes['http-auth']!.url}), timeoutSeconds: 30});
		expect(result).toMatchObject({reachable: false, class: 'auth-failed'});
		expect(result.latencyMs).toBeLessThan(5000);
	});

	it('never shows the credentials of a URL, even when they are wrong', async () => {
		const server = await startHttpGit({projectRoot: tempDir(), user: 'sync', password: 'right'});
		const url = `http://sync:wrong-token@127.0.0.1:${server.port}/x.git`;
		const result = await probeRemote({cwd: makeRepo(), remote: remote('ci', {inGit: false, url}), timeoutSeconds: 30});
		expect(result.class).toBe('auth-failed');
		expect(JSON.stringify(result)).not.toContain('wrong-token');
		expect(result.url).toBe(`http://***@127.0.0.1:${server.port}/x.git`);
	});
});
