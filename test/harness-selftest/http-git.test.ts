import {randomBytes} from 'node:crypto';
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {git, gitAsync, makeBare, makeHistory, makeRepo, startHttpGit, tempDir} from '../harness/index.js';

function served(): {root: string; bare: string} {
	const root = tempDir();
	const dir = path.join(root, 'project.git');
	mkdirSync(dir);
	return {root, bare: makeBare(dir)};
}

describe('harness: smart HTTP git with Basic auth', () => {
	it('accepts a push and serves a clone when the URL carries the credentials', async () => {
		const {root, bare} = served();
		const server = await startHttpGit({projectRoot: root, user: 'sync', password: 'p@ss word'});
		expect(server.urlWithCredentials('project.git')).toBe(`http://sync:p%40ss%20word@127.0.0.1:${server.port}/project.git`);
		const work = makeRepo();

		const push = await gitAsync(work, ['push', server.urlWithCredentials('project.git'), 'main'], {timeoutMs: 15_000});
		expect(push.stderr).not.toMatch(/fatal|error/);
		expect(push.exitCode).toBe(0);
		expect(git(bare, 'rev-parse', 'main')).toBe(git(work, 'rev-parse', 'HEAD'));

		const clone = path.join(tempDir(), 'clone');
		const cloned = await gitAsync(root, ['clone', '-q', server.urlWithCredentials('project.git'), clone], {timeoutMs: 15_000});
		expect(cloned.exitCode).toBe(0);
		expect(git(clone, 'rev-parse', 'HEAD')).toBe(git(work, 'rev-parse', 'HEAD'));
		expect(server.requests.some(request => request.status === 401)).toBe(true);
	});

	it('fails fast with an auth error when no credentials are given and prompts are off', async () => {
		const {root, bare} = served();
		const server = await startHttpGit({projectRoot: root, user: 'sync', password: 'secret'});
		const work = makeRepo();

		const push = await gitAsync(work, ['push', server.url('project.git'), 'main'], {timeoutMs: 10_000});
		expect(push.timedOut).toBe(false);
		expect(push.durationMs).toBeLessThan(5000);
		expect(push.exitCode).not.toBe(0);
		expect(push.stderr).toMatch(/could not read Username|Authentication failed/);
		expect(git(bare, 'for-each-ref')).toBe('');

		const wrongUrl = server.url('project.git').replace('http://', 'http://sync:wrong@');
		const wrong = await gitAsync(work, ['ls-remote', wrongUrl], {timeoutMs: 10_000});
		expect(wrong.durationMs).toBeLessThan(5000);
		expect(wrong.stderr).toMatch(/Authentication failed/);
	});

	it('streams a push larger than git\'s post buffer (chunked request body)', async () => {
		const {root, bare} = served();
		const server = await startHttpGit({projectRoot: root});
		const work = makeRepo();
		writeFileSync(path.join(work, 'blob.bin'), randomBytes(3 * 1024 * 1024)); // Incompressible.
		git(work, 'add', 'blob.bin');
		git(work, 'commit', '-q', '-m', 'big');

		const push = await gitAsync(work, ['push', server.url('project.git'), 'main'], {timeoutMs: 20_000});
		expect(push.stderr).not.toMatch(/fatal|error/);
		expect(push.exitCode).toBe(0);
		expect(git(bare, 'rev-parse', 'main')).toBe(git(work, 'rev-parse', 'HEAD'));
		expect(server.requests.some(request => request.chunked && request.path.endsWith('git-receive-pack'))).toBe(true);
	});

	it('handles gzip-encoded fetch negotiation (many wants)', async () => {
		const {root, bare} = served();
		makeHistory(bare, {commits: 40, files: 3, bytesPerFile: 256});
		for (let n = 0; n < 40; n++) git(bare, 'branch', `topic-${n}`, `main~${n}`);
		const server = await startHttpGit({projectRoot: root});

		const clone = path.join(tempDir(), 'clone');
		const cloned = await gitAsync(root, ['clone', '-q', server.url('project.git'), clone], {timeoutMs: 15_000});
		expect(cloned.stderr).toBe('');
		expect(cloned.exitCode).toBe(0);
		expect(git(clone, 'for-each-ref', '--format=%(refname)', 'refs/remotes/origin/').split('\n')).toHaveLength(42);
		expect(server.requests.some(request => request.contentEncoding === 'gzip' && request.status === 200)).toBe(true);
	});

	it('stop() closes the port', async () => {
		const {root} = served();
		const server = await startHttpGit({projectRoot: root});
		await server.stop();
		await server.stop();
		const result = await gitAsync(root, ['ls-remote', server.url('project.git')], {timeoutMs: 10_000});
		expect(result.stderr).toMatch(/Couldn't connect|Connection refused|Failed to connect/);
	});
});
