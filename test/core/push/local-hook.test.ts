import {chmodSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {pushOne} from '../../../source/core/push/push-one.js';
import {addBareRemote, addPreReceiveHook, commit, git, makeRepo, tempDir} from '../../harness/index.js';
import {runCli} from '../../cli/run-cli.js';
import {serviceFor} from '../service/helpers.js';
import {isolateProductGit, remote, request, shaOf} from './helpers.js';

isolateProductGit();

/**
 * Blame the right side (SPEC §4 retry: hook failures are not retried): the repository's own
 * pre-push hook runs after git connected to the remote, so a hook that hangs looked like a
 * remote that stopped answering. It is reported as the local hook, not retried, not queued.
 */
function repoWithLocalPrePush(body: string) {
	const repo = makeRepo();
	const bare = addBareRemote(repo, 'origin');
	const hook = path.join(repo, '.git', 'hooks', 'pre-push');
	writeFileSync(hook, `#!/bin/sh\ncat >/dev/null\n${body}\n`);
	chmodSync(hook, 0o755);
	const before = shaOf(bare, 'refs/heads/main');
	commit(repo, 'work');
	return {repo, bare, before};
}

// Retries would be tried, fast, if the failure were (wrongly) taken for a network one.
const origin = remote('origin', {retry: 2, timeoutSeconds: 2});

describe('a local pre-push hook that hangs', () => {
	it('is reported as the local hook, once, not as the remote not answering', async () => {
		const {repo, bare, before} = repoWithLocalPrePush('sleep 60');
		const result = await pushOne(request(repo, origin));
		expect(result).toMatchObject({status: 'failed', errorClass: 'hook-failed', attempts: 1});
		expect(result.message).toMatch(/^the local pre-push hook \S*pre-push did not finish within 2 s/);
		expect(result.error).toMatch(/git push --no-verify origin main/);
		expect(result.error).not.toMatch(/did not answer/);
		expect(shaOf(bare, 'refs/heads/main')).toBe(before);
	});

	it('stopped by stall_timeout (silent), it is still the local hook', async () => {
		const {repo} = repoWithLocalPrePush('sleep 60');
		const result = await pushOne(request(repo, remote('origin', {retry: 2, timeoutSeconds: 60, stallTimeoutSeconds: 2})));
		expect(result).toMatchObject({status: 'failed', errorClass: 'hook-failed', attempts: 1});
		expect(result.message).toMatch(/^the local pre-push hook \S*pre-push did not finish within 2 s/);
	});

	it('is not queued (through the service, queue on)', async () => {
		const {repo} = repoWithLocalPrePush('sleep 60');
		const {service} = await serviceFor(repo, {config: {offline_queue: true, retry_base_delay: 0.01, retry_max_delay: 0.02, remotes: {origin: {retry: 1, timeout: 2}}}});
		const outcome = await service.push({});
		expect(outcome.results[0]).toMatchObject({status: 'failed', errorClass: 'hook-failed', attempts: 1});
		expect(await service.loadQueue()).toEqual([]);
	});
});

describe('a local pre-push hook that refuses', () => {
	it("names the local hook and its words, and is not retried; the remote's side is untouched", async () => {
		const {repo, bare, before} = repoWithLocalPrePush('echo "tests fail: fix them first" >&2\nexit 1');
		const result = await pushOne(request(repo, origin));
		expect(result).toMatchObject({status: 'failed', errorClass: 'hook-failed', attempts: 1});
		expect(result.message).toMatch(/^the local pre-push hook \S*pre-push refused the push to origin \(exit 1\): tests fail: fix them first$/);
		expect(shaOf(bare, 'refs/heads/main')).toBe(before);
	});
});

describe('the remote is still blamed when it is the remote', () => {
	it('local hook passed, the remote hangs in pre-receive: a timeout of the remote', async () => {
		const {repo, bare, before} = repoWithLocalPrePush('exit 0');
		addPreReceiveHook(bare, 'cat >/dev/null\nsleep 60');
		const result = await pushOne(request(repo, remote('origin', {retry: 0, timeoutSeconds: 2})));
		expect(result).toMatchObject({status: 'failed', errorClass: 'timeout'});
		expect(result.message).toMatch(/origin did not answer within 2 s/);
		expect(git(bare, 'rev-parse', 'main')).toBe(before);
	});

	it('a hook that passes lets the push through', async () => {
		const {repo, bare} = repoWithLocalPrePush('exit 0');
		const result = await pushOne(request(repo, origin));
		expect(result.status).toBe('pushed');
		expect(shaOf(bare, 'refs/heads/main')).toBe(git(repo, 'rev-parse', 'main'));
	});
});

describe('the pushes\' trace files', () => {
	it('a temp dir that cannot take them fails the push with one line that says what to do, never a throw', async () => {
		const repo = makeRepo();
		addBareRemote(repo, 'origin');
		commit(repo, 'work');
		const missing = path.join(tempDir('rst-tmpdir-'), 'gone');
		const before = process.env.TMPDIR;
		process.env.TMPDIR = missing;
		try {
			const result = await pushOne(request(repo, remote('origin')));
			expect(result).toMatchObject({status: 'failed', attempts: 1});
			expect(result.message).toMatch(new RegExp(`^cannot make a private directory for the push's files in ${missing} \\(ENOENT.*\\): free space there, or point TMPDIR at a directory you can write$`));
		} finally {
			if (before === undefined) delete process.env.TMPDIR;
			else process.env.TMPDIR = before;
		}
	});

	it('live in a directory that exists only while pushes run: gone after one push, and after two at once', async () => {
		const repo = makeRepo();
		for (const name of ['origin', 'mirror']) addBareRemote(repo, name);
		const seen = path.join(tempDir('rst-seen-'), 'trace-paths');
		const hook = path.join(repo, '.git', 'hooks', 'pre-push');
		writeFileSync(hook, `#!/bin/sh\ncat >/dev/null\necho "$GIT_TRACE2_EVENT" >> '${seen}'\n`);
		chmodSync(hook, 0o755);
		commit(repo, 'work');
		// Where this process makes temp files, from here on: only the pushes' directory goes there.
		const tmp = tempDir('rst-tmpdir-');
		const before = process.env.TMPDIR;
		process.env.TMPDIR = tmp;
		try {
			expect((await pushOne(request(repo, remote('origin')))).status).toBe('pushed');
			expect(readdirSync(tmp)).toEqual([]);
			commit(repo, 'more work');
			const both = await Promise.all([pushOne(request(repo, remote('origin'))), pushOne(request(repo, remote('mirror')))]);
			expect(both.map(result => result.status)).toEqual(['pushed', 'pushed']);
			expect(readdirSync(tmp)).toEqual([]);
		} finally {
			if (before === undefined) delete process.env.TMPDIR;
			else process.env.TMPDIR = before;
		}

		// While they ran, git wrote its trace there: one directory for the first push, one shared by the two.
		const dirs = readFileSync(seen, 'utf8').trim().split('\n').map(file => path.dirname(file));
		expect(dirs).toHaveLength(3);
		for (const dir of dirs) expect(dir.startsWith(path.join(tmp, 'remote-sync-push-'))).toBe(true);
		expect(dirs[1]).toBe(dirs[2]);
	});

	it('live in one private directory for the run, gone at exit: after pushes that passed, and after one a hook refused', async () => {
		const tmp = tempDir('rst-tmpdir-');
		const repo = makeRepo();
		for (const name of ['origin', 'mirror', 'backup']) addBareRemote(repo, name);
		commit(repo, 'work');
		const passed = await runCli(['--push', '--json'], {cwd: repo, env: {TMPDIR: tmp}});
		expect(passed.exitCode, passed.stderr).toBe(0);
		expect((JSON.parse(passed.stdout) as {results: Array<{status: string}>}).results.map(result => result.status)).toEqual(['pushed', 'pushed', 'pushed']);
		expect(readdirSync(tmp)).toEqual([]);

		const hook = path.join(repo, '.git', 'hooks', 'pre-push');
		writeFileSync(hook, '#!/bin/sh\ncat >/dev/null\necho "no pushes today" >&2\nexit 1\n');
		chmodSync(hook, 0o755);
		commit(repo, 'more work');
		const refused = await runCli(['--push', '--json'], {cwd: repo, env: {TMPDIR: tmp}});
		expect(refused.exitCode).not.toBe(0);
		// The hook's state came from the trace: the failure names the local hook.
		expect((JSON.parse(refused.stdout) as {results: Array<{errorClass: string}>}).results.map(result => result.errorClass)).toEqual(['hook-failed', 'hook-failed', 'hook-failed']);
		expect(readdirSync(tmp)).toEqual([]);
	});
});
