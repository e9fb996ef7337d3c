import {randomBytes} from 'node:crypto';
import {chmodSync, existsSync, mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseJson, runCli} from '../cli/run-cli.js';
import {addPreReceiveHook, buildFleet, git, gitAsyncOk, makeBare, startDelayProxy, startGitDaemon, tempDir} from '../harness/index.js';
import {canary, expectCleanEnd, readQueue, reapOnCleanup, traceMarker, tracedProcesses, writeRepoConfig} from './support.js';

type PushJson = {results: Array<{remote: string; status: string; attempts: number; errorClass?: string; error?: string}>};

/**
 * Every network fault at once, against real processes on 127.0.0.1, in ONE push: each
 * remote must get its own true outcome, none may hold up the others, nothing may prompt,
 * and nothing may be left running afterwards (SPEC §4 "one failure never stops the others").
 */
describe('fault injection: one push against every kind of broken remote', () => {
	it('gives each remote its own outcome, bounded in time, prompting no one, leaving nothing running', async () => {
		const fleet = await buildFleet(['local', 'daemon', 'http', 'http-auth', 'refused', 'silent', 'slow'], {slowDelayMs: 40});
		const {repo} = fleet;

		// A link that dies mid-push: a daemon behind a proxy that cuts after 16 KiB.
		const served = tempDir('rst-served-');
		const droppingBare = path.join(served, 'dropping.git');
		mkdirSync(droppingBare);
		makeBare(droppingBare);
		const daemon = await startGitDaemon({basePath: served});
		const proxy = await startDelayProxy({targetPort: daemon.port, delayMs: 0, dropAfterBytes: 16 * 1024});
		git(repo, 'remote', 'add', 'dropping', daemon.url('dropping.git'));
		await gitAsyncOk(repo, 'push', '-q', 'dropping', 'main');
		git(repo, 'remote', 'set-url', 'dropping', proxy.url('dropping.git'));
		// A remote whose pre-receive hook says no.
		const guarded = makeBare();
		git(repo, 'remote', 'add', 'guarded', guarded);
		git(repo, 'push', '-q', 'guarded', 'main');
		addPreReceiveHook(guarded, 'echo "policy: frozen" >&2\nexit 1');
		// An SSH host that does not exist: resolution fails locally, no traffic.
		git(repo, 'remote', 'add', 'nowhere', 'ssh://git@nonexistent.invalid/x.git');

		// Enough data that the dropping link is cut in the middle of the pack.
		writeFileSync(path.join(repo, 'blob.bin'), randomBytes(200 * 1024));
		git(repo, 'add', 'blob.bin');
		git(repo, 'commit', '-q', '-m', 'big change');
		const sha = git(repo, 'rev-parse', 'HEAD');
		writeRepoConfig(repo, {
			max_workers: 10,
			retry_base_delay: 0.01,
			retry_max_delay: 0.05,
			health_check_timeout: 2,
			remotes: {silent: {timeout: 2, retry: 1}, refused: {retry: 1}, dropping: {retry: 1}, nowhere: {retry: 1, timeout: 10}},
		});

		// Anything that tried to ask for a password would run these and leave a file.
		const asked = canary('asked');
		const askpass = path.join(path.dirname(asked), 'askpass.sh');
		writeFileSync(askpass, `#!/bin/sh\necho "$*" >> '${asked}'\necho s3cret\n`);
		chmodSync(askpass, 0o755);
		const trace = traceMarker();
		reapOnCleanup(trace.value);

		const run = await runCli(['--push', '--json'], {
			cwd: repo,
			env: {...trace.env, GIT_ASKPASS: askpass, SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: 'force', DISPLAY: ':0', GIT_TERMINAL_PROMPT: '1'},
			timeoutMs: 45_000,
		});
		expectCleanEnd(run, 'fault matrix push');
		const results = Object.fromEntries(parseJson<PushJson>(run).results.map(result => [result.remote, result]));

		for (const name of ['local', 'daemon', 'http', 'slow']) expect(results[name], name).toMatchObject({status: 'pushed'});
		expect(results['http-auth']).toMatchObject({status: 'failed', errorClass: 'auth-failed', attempts: 1});
		expect(results.guarded).toMatchObject({status: 'rejected', attempts: 1});
		expect(results.guarded!.error).toContain('policy: frozen');
		expect(results.refused).toMatchObject({status: 'queued', errorClass: 'unreachable', attempts: 2});
		expect(results.silent).toMatchObject({status: 'queued', errorClass: 'timeout', attempts: 2});
		expect(results.dropping).toMatchObject({status: 'queued', errorClass: 'unreachable', attempts: 2});
		expect(results.nowhere).toMatchObject({status: 'queued', errorClass: 'unreachable'});
		expect(run.exitCode).toBe(1);
		// Parallel and bounded: about two silent timeouts, never their sum over every remote.
		expect(run.durationMs).toBeLessThan(20_000);

		expect(existsSync(asked), 'an askpass program was run: something prompted').toBe(false);
		expect(tracedProcesses(trace.value), 'processes left running after the program ended').toEqual([]);
		expect(readQueue(repo).map(entry => `${entry.remote}/${entry.branch}@${entry.sha}`).sort()).toEqual(
			['dropping', 'nowhere', 'refused', 'silent'].map(name => `${name}/main@${sha}`),
		);
		for (const name of ['local', 'daemon', 'http', 'slow'] as const) expect(git(fleet.remotes[name]!.bare!, 'rev-parse', 'main'), name).toBe(sha);
		// Nothing landed where the push failed, and the cut push left the remote whole.
		expect(git(guarded, 'rev-parse', 'main')).not.toBe(sha);
		expect(git(droppingBare, 'rev-parse', 'main')).not.toBe(sha);
		expect(git(droppingBare, 'fsck', '--no-progress')).toBe('');
		expect(proxy.connections()).toBeGreaterThanOrEqual(2);
	});
});
