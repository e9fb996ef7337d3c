import {mkdirSync} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {canConnect, git, gitAsync, groupAlive, groupMembers, makeBare, makeRepo, startGitDaemon, tempDir, waitFor} from '../harness/index.js';

function servedBare(base: string, name: string): string {
	const dir = path.join(base, name);
	mkdirSync(dir);
	return makeBare(dir);
}

describe('harness: git daemon', () => {
	it('serves clones and accepts pushes over git://', async () => {
		const base = tempDir();
		const bare = servedBare(base, 'project.git');
		const daemon = await startGitDaemon({basePath: base});
		expect(daemon.url('project.git')).toBe(`git://127.0.0.1:${daemon.port}/project.git`);

		const work = makeRepo();
		const sha = git(work, 'rev-parse', 'HEAD');
		const push = await gitAsync(work, ['push', daemon.url('project.git'), 'main'], {timeoutMs: 10_000});
		expect(push.stderr).not.toMatch(/fatal/);
		expect(push.exitCode).toBe(0);
		expect(git(bare, 'rev-parse', 'main')).toBe(sha);

		const clone = path.join(tempDir(), 'clone');
		const cloned = await gitAsync(base, ['clone', '-q', daemon.url('project.git'), clone], {timeoutMs: 10_000});
		expect(cloned.exitCode).toBe(0);
		expect(git(clone, 'rev-parse', 'HEAD')).toBe(sha);
	});

	it('reports a missing repository with an informative error', async () => {
		const daemon = await startGitDaemon({basePath: tempDir()});
		const result = await gitAsync(tempDir(), ['ls-remote', daemon.url('nope.git')], {timeoutMs: 10_000});
		expect(result.exitCode).not.toBe(0);
		expect(result.stderr).toMatch(/no such repository|does not appear to be a git repository/i);
	});

	it('stop() frees the port and kills the children it forked per connection', async () => {
		const base = tempDir();
		servedBare(base, 'project.git');
		const daemon = await startGitDaemon({basePath: base});
		// An idle connection: the daemon forks a child for it that waits for a request.
		const idle = net.connect({host: '127.0.0.1', port: daemon.port});
		idle.on('error', () => undefined);
		await new Promise(resolve => idle.once('connect', resolve));
		await waitFor(() => groupMembers(daemon.pid) >= 2, {timeoutMs: 5000, message: 'no per-connection child appeared'});

		await daemon.stop();
		await daemon.stop(); // Idempotent.
		idle.destroy();
		expect(groupAlive(daemon.pid)).toBe(false);
		expect(await canConnect(daemon.port)).toBe(false);
	});
});
