import {randomBytes} from 'node:crypto';
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {
	canConnect,
	git,
	gitAsync,
	makeBare,
	makeRepo,
	startDelayProxy,
	startGitDaemon,
	startRefusingPort,
	startSilentSocket,
	tempDir,
} from '../harness/index.js';

async function servedRepo(): Promise<{bare: string; work: string; daemon: Awaited<ReturnType<typeof startGitDaemon>>}> {
	const root = tempDir();
	const dir = path.join(root, 'project.git');
	mkdirSync(dir);
	const bare = makeBare(dir);
	const work = makeRepo();
	git(work, 'push', '-q', bare, 'main');
	return {bare, work, daemon: await startGitDaemon({basePath: root})};
}

describe('harness: network faults', () => {
	it('a refusing port fails git at once with "connection refused"', async () => {
		const refused = await startRefusingPort();
		const cwd = tempDir();
		const overGit = await gitAsync(cwd, ['ls-remote', refused.url], {timeoutMs: 10_000});
		expect(overGit.durationMs).toBeLessThan(3000);
		expect(overGit.exitCode).not.toBe(0);
		expect(overGit.stderr).toMatch(/Connection refused|unable to connect/i);

		const overHttp = await gitAsync(cwd, ['ls-remote', refused.httpUrl], {timeoutMs: 10_000});
		expect(overHttp.durationMs).toBeLessThan(3000);
		expect(overHttp.stderr).toMatch(/Couldn't connect|Connection refused|Failed to connect/);
	});

	it('a silent socket makes git ls-remote hang until it is killed', async () => {
		const silent = await startSilentSocket();
		const result = await gitAsync(tempDir(), ['ls-remote', silent.url], {timeoutMs: 2000});
		expect(result.timedOut).toBe(true);
		expect(result.exitCode).toBeNull(); // Killed by our signal, never finished by itself.
		await silent.stop();
		expect(await canConnect(silent.port)).toBe(false);
	});

	it('the delay proxy adds at least the delay each way to an ls-remote round trip', async () => {
		const {work, daemon} = await servedRepo();
		const delayMs = 200;
		const proxy = await startDelayProxy({targetPort: daemon.port, delayMs});

		const direct = await gitAsync(work, ['ls-remote', daemon.url('project.git')], {timeoutMs: 10_000});
		const slow = await gitAsync(work, ['ls-remote', proxy.url('project.git')], {timeoutMs: 10_000});
		expect(slow.exitCode).toBe(0);
		expect(slow.stdout).toBe(direct.stdout); // Same bytes, in order, just later.
		expect(slow.stdout).toContain(git(work, 'rev-parse', 'HEAD'));
		expect(slow.durationMs).toBeGreaterThanOrEqual(2 * delayMs);
		expect(proxy.connections()).toBe(1);
	});

	it('the delay proxy carries a whole push (order kept across many chunks)', async () => {
		const {bare, work, daemon} = await servedRepo();
		const proxy = await startDelayProxy({targetPort: daemon.port, delayMs: 20});
		writeFileSync(path.join(work, 'blob.bin'), randomBytes(512 * 1024));
		git(work, 'add', 'blob.bin');
		git(work, 'commit', '-q', '-m', 'blob');

		const push = await gitAsync(work, ['push', proxy.url('project.git'), 'main'], {timeoutMs: 15_000});
		expect(push.stderr).not.toMatch(/fatal|error/);
		expect(push.exitCode).toBe(0);
		expect(git(bare, 'rev-parse', 'main')).toBe(git(work, 'rev-parse', 'HEAD'));
		expect(git(bare, 'fsck', '--no-progress')).toBe('');
	});

	it('dropAfterBytes cuts a push mid-transfer and nothing lands on the remote', async () => {
		const {bare, work, daemon} = await servedRepo();
		const before = git(bare, 'rev-parse', 'main');
		const proxy = await startDelayProxy({targetPort: daemon.port, delayMs: 0, dropAfterBytes: 64 * 1024});
		writeFileSync(path.join(work, 'blob.bin'), randomBytes(512 * 1024));
		git(work, 'add', 'blob.bin');
		git(work, 'commit', '-q', '-m', 'blob');

		const push = await gitAsync(work, ['push', proxy.url('project.git'), 'main'], {timeoutMs: 15_000});
		expect(push.timedOut).toBe(false);
		expect(push.exitCode).not.toBe(0);
		expect(push.stderr).toMatch(/hung up|Broken pipe|reset|fatal/i);
		expect(git(bare, 'rev-parse', 'main')).toBe(before);
	});
});
