import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {liveGitProcessCount} from '../../../source/core/git/runner.js';
import {pushOne} from '../../../source/core/push/push-one.js';
import {fetchRemote} from '../../../source/core/status/fetch.js';
import {probeRemote} from '../../../source/core/status/health.js';
import {addPreReceiveHook, git, makeBare, makeRepo, startDelayProxy, startGitDaemon, startSilentSocket, tempDir} from '../../harness/index.js';
import {isolateProductGit, remote, request} from '../push/helpers.js';

isolateProductGit();

// The remote's own timeout is far away: anything that ends well before it was the stall watch.
const remoteTimeoutSeconds = 120;
const wellBeforeTheRemoteTimeoutMs = 60_000;

describe('stall detection (stall_timeout, SPEC §2)', () => {
	it('a fetch from a host that accepts and never answers is stopped after stall_timeout, classed timeout', async () => {
		const repo = makeRepo();
		const silent = await startSilentSocket();
		git(repo, 'remote', 'add', 'hung', silent.url);

		const outcome = await fetchRemote({cwd: repo, remote: remote('hung', {stallTimeoutSeconds: 1}), timeoutSeconds: remoteTimeoutSeconds});

		expect(outcome.ok).toBe(false);
		expect(outcome.failure).toMatchObject({class: 'timeout', message: 'fetch from hung: no answer for 1 s'});
		expect(outcome.failure?.hint).toMatch(/stall_timeout/);
		expect(outcome.durationMs).toBeLessThan(wellBeforeTheRemoteTimeoutMs);
		expect(liveGitProcessCount()).toBe(0);
	});

	it('a push to a silent host is stopped after stall_timeout', async () => {
		const repo = makeRepo();
		const silent = await startSilentSocket();
		git(repo, 'remote', 'add', 'hung', silent.url);

		const result = await pushOne(request(repo, remote('hung', {timeoutSeconds: remoteTimeoutSeconds, stallTimeoutSeconds: 1})));

		expect(result).toMatchObject({status: 'failed', errorClass: 'timeout', attempts: 1});
		expect(result.error).toMatch(/no answer for 1 s/);
		expect(result.durationMs).toBeLessThan(wellBeforeTheRemoteTimeoutMs);
		expect(liveGitProcessCount()).toBe(0);
	});

	it('a health probe of a silent host says it went silent, even with a long health_check_timeout', async () => {
		const repo = makeRepo();
		const silent = await startSilentSocket();
		git(repo, 'remote', 'add', 'hung', silent.url);

		const health = await probeRemote({cwd: repo, remote: remote('hung', {stallTimeoutSeconds: 1}), timeoutSeconds: remoteTimeoutSeconds});

		expect(health).toMatchObject({reachable: false, class: 'timeout'});
		expect(health.error).toMatch(/no answer for 1 s/);
		expect(health.latencyMs).toBeLessThan(wellBeforeTheRemoteTimeoutMs);
	});

	it('a slow push that keeps making progress runs past stall_timeout and lands', async () => {
		const served = tempDir('rst-served-');
		mkdirSync(path.join(served, 'slow.git'));
		const bare = makeBare(path.join(served, 'slow.git'));
		// The server takes several stall periods in all, but never goes quiet for long.
		// 8 s of checking, two stall periods, a line every 0.25 s (a loaded machine stretches the gaps).
		addPreReceiveHook(bare, 'i=0\nwhile [ $i -lt 32 ]; do echo "checking part $i" >&2; sleep 0.25; i=$((i+1)); done');
		const daemon = await startGitDaemon({basePath: served});
		const proxy = await startDelayProxy({targetPort: daemon.port, delayMs: 100});
		const repo = makeRepo();
		git(repo, 'remote', 'add', 'slow', proxy.url('slow.git'));
		const stallSeconds = 4;

		const result = await pushOne(request(repo, remote('slow', {timeoutSeconds: remoteTimeoutSeconds, stallTimeoutSeconds: stallSeconds})));

		expect(result).toMatchObject({status: 'pushed'});
		// The premise: the push as a whole took longer than the stall timeout.
		expect(result.durationMs).toBeGreaterThan(stallSeconds * 1000);
		expect(git(bare, 'rev-parse', 'refs/heads/main')).toBe(git(repo, 'rev-parse', 'main'));
	});
});
