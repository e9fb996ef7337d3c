import {existsSync, readFileSync, symlinkSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {installHook} from '../../source/setup/install-hook.js';
import {git, makeRepo, tempDir} from '../harness/index.js';
import {runIn, writeScript} from './hook-helpers.js';

/**
 * The hook scripts on their own, run by sh exactly as git runs them, with a stand-in for the
 * program that records how it was called ("ACTIVE|REMOTE|args" per line). No node, no push.
 */
function setup(kind: 'pre-push' | 'post-commit') {
	const repo = makeRepo();
	const bin = tempDir('rst-bin-');
	const calls = path.join(bin, 'calls.log');
	const fake = path.join(bin, 'fake-remote-sync');
	writeScript(fake, `printf '%s|%s|%s\\n' "$REMOTE_SYNC_HOOK_ACTIVE" "$REMOTE_SYNC_HOOK_REMOTE" "$*" >> '${calls}'`);
	const hook = path.join(repo, '.git', 'hooks', kind);
	const read = () => (existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n') : []);
	return {repo, bin, hook, fake, calls: read, install: async (command: string[] = [fake]) => installHook(repo, kind, command)};
}

const zeros = '0'.repeat(40);

describe('pre-push hook', () => {
	it('syncs each branch being pushed to the other remotes, naming the remote git pushes itself', async () => {
		const {repo, hook, calls, install} = setup('pre-push');
		await install();
		const sha = git(repo, 'rev-parse', 'HEAD');
		const input = [
			`refs/heads/main ${sha} refs/heads/main ${zeros}`,
			`refs/tags/v1 ${sha} refs/tags/v1 ${zeros}`,
			`(delete) ${zeros} refs/heads/old ${sha}`,
			`refs/heads/feature/x ${sha} refs/heads/feature/x ${sha}`,
		].join('\n');
		const ran = runIn(repo, hook, ['origin', 'https://example.invalid/r.git'], {input: `${input}\n`});
		expect(ran.status).toBe(0);
		expect(calls()).toEqual(['|origin|--push --quiet --branch=main', '|origin|--push --quiet --branch=feature/x']);
	});

	it('does nothing of its own inside a push remote-sync started, but the user\'s hook still sees that push', async () => {
		const {repo, hook, bin, calls, install} = setup('pre-push');
		writeScript(hook, `cat > '${bin}/stdin-seen'; echo "$@" > '${bin}/args-seen'`);
		await install();
		const input = `refs/heads/main ${'a'.repeat(40)} refs/heads/main ${zeros}\n`;
		const ran = runIn(repo, hook, ['mirror', '/srv/mirror.git'], {input, env: {REMOTE_SYNC_HOOK_ACTIVE: '1'}});
		expect(ran.status).toBe(0);
		expect(calls()).toEqual([]);
		expect(readFileSync(path.join(bin, 'stdin-seen'), 'utf8')).toBe(input);
		expect(readFileSync(path.join(bin, 'args-seen'), 'utf8')).toBe('mirror /srv/mirror.git\n');
	});

	it('a failing user hook stops the push (its exit code) and nothing is synced', async () => {
		const {repo, hook, calls, install} = setup('pre-push');
		writeScript(hook, 'cat >/dev/null; echo "tests failed" >&2; exit 7');
		await install();
		const ran = runIn(repo, hook, ['origin', 'x'], {input: `refs/heads/main ${'a'.repeat(40)} refs/heads/main ${zeros}\n`});
		expect(ran.status).toBe(7);
		expect(ran.stderr).toContain('tests failed');
		expect(calls()).toEqual([]);
	});
});

describe('post-commit hook', () => {
	it('pushes the current branch, quietly', async () => {
		const {repo, hook, calls, install} = setup('post-commit');
		await install();
		expect(runIn(repo, hook, []).status).toBe(0);
		expect(calls()).toEqual(['||--push --quiet']);
	});

	it('does nothing on a detached HEAD (a rebase in progress) or inside remote-sync\'s own push', async () => {
		const {repo, hook, calls, install} = setup('post-commit');
		await install();
		expect(runIn(repo, hook, [], {env: {REMOTE_SYNC_HOOK_ACTIVE: '1'}}).status).toBe(0);
		git(repo, 'checkout', '-q', '--detach');
		expect(runIn(repo, hook, []).status).toBe(0);
		expect(calls()).toEqual([]);
	});

	it('never fails the commit: a failing program is ignored', async () => {
		const {repo, hook, bin, install} = setup('post-commit');
		const failing = path.join(bin, 'failing');
		writeScript(failing, 'echo "error: boom" >&2; exit 1');
		await install([failing]);
		const ran = runIn(repo, hook, []);
		expect(ran.status).toBe(0);
		expect(ran.stderr).toContain('error: boom');
	});
});

describe('when the recorded program is gone (node upgraded, checkout moved)', () => {
	it('falls back to remote-sync on PATH', async () => {
		const {repo, hook, bin, fake, calls, install} = setup('post-commit');
		await install(['/nonexistent/node', '/nonexistent/dist/cli/index.js']);
		writeScript(path.join(bin, 'remote-sync'), `exec '${fake}' "$@"`);
		const ran = runIn(repo, hook, [], {env: {PATH: `${bin}:${process.env.PATH ?? ''}`}});
		expect(ran.status).toBe(0);
		expect(calls()).toEqual(['||--push --quiet']);
	});

	it('says what to do and lets git carry on when there is none', async () => {
		const {repo, hook, install} = setup('post-commit');
		await install(['/nonexistent/node', '/nonexistent/dist/cli/index.js']);
		// PATH holds git and nothing else: no remote-sync anywhere.
		const onlyGit = tempDir('rst-path-');
		symlinkSync(runIn(repo, 'sh', ['-c', 'command -v git']).stdout.trim(), path.join(onlyGit, 'git'));
		const ran = runIn(repo, hook, [], {env: {PATH: onlyGit}});
		expect(ran.status).toBe(0);
		expect(ran.stderr).toMatch(/remote-sync is not installed any more; reinstall it and run remote-sync install-hook/);
	});
});
