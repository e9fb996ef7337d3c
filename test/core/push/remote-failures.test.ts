import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {liveGitProcessCount} from '../../../source/core/git/runner.js';
import {pushOne} from '../../../source/core/push/push-one.js';
import {addBareRemote, addPreReceiveHook, commit, git, makeBare, makeRepo, startHttpGit, startRefusingPort, startSilentSocket, tempDir} from '../../harness/index.js';
import {isolateProductGit, recorder, remote, request, shaOf} from './helpers.js';

isolateProductGit();

describe('push failures are classed, and only transient ones retried', () => {
	it('a pre-receive hook that declines is hook-failed, shown with its words, not retried', async () => {
		const repo = makeRepo();
		const bare = addBareRemote(repo, 'origin');
		const before = shaOf(bare, 'refs/heads/main');
		addPreReceiveHook(bare, 'echo "policy: no pushes on Fridays" >&2; exit 1');
		commit(repo, 'friday work');
		const result = await pushOne(request(repo, remote('origin', {retry: 3})));
		expect(result).toMatchObject({status: 'rejected', errorClass: 'hook-failed', attempts: 1});
		expect(result.error).toContain('policy: no pushes on Fridays');
		expect(shaOf(bare, 'refs/heads/main')).toBe(before);
	});

	it('a refused port is unreachable, tried 1 + retry times', async () => {
		const repo = makeRepo();
		const {url} = await startRefusingPort();
		git(repo, 'remote', 'add', 'dead', url);
		const record = recorder();
		const retries: string[] = [];
		const onRetry = (info: {retry: number; of: number; error?: string}) => retries.push(`${info.retry}/${info.of} ${info.error ?? ''}`);
		const result = await pushOne(request(repo, remote('dead', {retry: 2}), {record, onRetry}));
		expect(result).toMatchObject({status: 'failed', errorClass: 'unreachable', attempts: 3});
		expect(retries).toHaveLength(2);
		expect(retries[0]).toMatch(/^1\/2 .*Connection refused/i);
		expect(result.error).toMatch(/check the network or VPN/);
		// Each attempt failed at connecting: three plain pushes, never a plan or a force.
		expect(record.argvs().map(argv => argv[1])).toEqual(['push', 'push', 'push']);
	});

	it('a server that wants a password is auth-failed within seconds, tried once, credentials redacted', async () => {
		const repo = makeRepo();
		const projectRoot = tempDir('rst-http-');
		const served = path.join(projectRoot, 'repo.git');
		mkdirSync(served);
		makeBare(served);
		const server = await startHttpGit({projectRoot, user: 'sync', password: 's3cret'});
		const wrong = server.url('repo.git').replace('http://', 'http://sync:wr0ngpass@');
		git(repo, 'remote', 'add', 'forge', wrong);
		const started = performance.now();
		const result = await pushOne(request(repo, remote('forge', {retry: 3})));
		expect(performance.now() - started).toBeLessThan(5000);
		expect(result).toMatchObject({status: 'failed', errorClass: 'auth-failed', attempts: 1});
		expect(JSON.stringify(result)).not.toContain('wr0ngpass');

		// No credentials at all: git may not ask anyone, so it fails the same way.
		git(repo, 'remote', 'set-url', 'forge', server.url('repo.git'));
		const anonymous = await pushOne(request(repo, remote('forge', {retry: 3})));
		expect(anonymous).toMatchObject({status: 'failed', errorClass: 'auth-failed', attempts: 1});
		expect(anonymous.durationMs).toBeLessThan(5000);

		// The same server with the right credentials takes the push.
		git(repo, 'remote', 'set-url', 'forge', server.urlWithCredentials('repo.git'));
		const pushed = await pushOne(request(repo, remote('forge')));
		expect(pushed.status).toBe('pushed');
		expect(JSON.stringify(pushed)).not.toContain('s3cret');
		expect(shaOf(served, 'refs/heads/main')).toBe(shaOf(repo, 'main'));
	});

	it('a host that never answers times out after the remote timeout, its processes killed', async () => {
		const repo = makeRepo();
		const silent = await startSilentSocket();
		git(repo, 'remote', 'add', 'blackhole', silent.url);
		const result = await pushOne(request(repo, remote('blackhole', {timeoutSeconds: 1, retry: 0})));
		expect(result).toMatchObject({status: 'failed', errorClass: 'timeout', attempts: 1});
		expect(result.durationMs).toBeGreaterThanOrEqual(1000);
		expect(result.durationMs).toBeLessThan(5000);
		expect(result.error).toMatch(/did not answer within 1 s/);
		expect(liveGitProcessCount()).toBe(0);
	});
});
