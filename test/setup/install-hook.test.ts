import {chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {EnvironmentError} from '../../source/core/errors.js';
import {chainedSuffix, hookScript} from '../../source/setup/hook-script.js';
import {hooksDirectory, installHook, uninstallHook} from '../../source/setup/install-hook.js';
import {git, makeRepo, tempDir} from '../harness/index.js';
import {hookFiles} from './hook-helpers.js';

const program = ['/opt/node/bin/node', '/opt/remote-sync/dist/cli/index.js'];
const bytesAndMode = (file: string) => ({bytes: readFileSync(file), mode: statSync(file).mode & 0o777});

/** A user's own hook with bytes no text round trip keeps (CRLF, invalid UTF-8) and an odd mode. */
function writeUserHook(file: string): {bytes: Buffer; mode: number} {
	const bytes = Buffer.concat([Buffer.from('#!/bin/sh\r\necho mine # '), Buffer.from([0xff, 0xfe, 0x80]), Buffer.from('\r\n')]);
	writeFileSync(file, bytes);
	chmodSync(file, 0o750);
	return {bytes, mode: 0o750};
}

describe('install-hook', () => {
	it('installs an executable hook; installing twice leaves one hook, byte-identical', async () => {
		const repo = makeRepo();
		const dir = path.join(repo, '.git', 'hooks');
		const first = await installHook(repo, 'pre-push', program);
		const once = bytesAndMode(path.join(dir, 'pre-push'));
		const second = await installHook(repo, 'pre-push', program);
		expect([first.action, second.action]).toEqual(['installed', 'already-installed']);
		expect(bytesAndMode(path.join(dir, 'pre-push'))).toEqual(once);
		expect(once.bytes.toString('utf8')).toBe(hookScript('pre-push', program));
		expect(once.mode).toBe(0o755);
		expect(hookFiles(dir)).toEqual(['pre-push']);
	});

	it('rewrites its own hook when the program moved, and says so', async () => {
		const repo = makeRepo();
		await installHook(repo, 'post-commit', program);
		const moved = ['/usr/local/bin/node', '/elsewhere/dist/cli/index.js'];
		expect((await installHook(repo, 'post-commit', moved)).action).toBe('updated');
		expect(readFileSync(path.join(repo, '.git', 'hooks', 'post-commit'), 'utf8')).toBe(hookScript('post-commit', moved));
	});

	it('keeps an existing hook beside its own, byte for byte, and never chains twice', async () => {
		const repo = makeRepo();
		const file = path.join(repo, '.git', 'hooks', 'post-commit');
		const original = writeUserHook(file);
		expect((await installHook(repo, 'post-commit', program)).action).toBe('chained');
		expect((await installHook(repo, 'post-commit', program)).action).toBe('already-installed');
		expect(bytesAndMode(`${file}${chainedSuffix}`)).toEqual(original);
		expect(hookFiles(path.dirname(file))).toEqual(['post-commit', `post-commit${chainedSuffix}`]);
	});

	it('refuses to overwrite an earlier saved hook, and says how to go on', async () => {
		const repo = makeRepo();
		const file = path.join(repo, '.git', 'hooks', 'pre-push');
		writeFileSync(`${file}${chainedSuffix}`, 'saved before\n');
		writeFileSync(file, 'a newer hook of the user\n');
		const attempt = installHook(repo, 'pre-push', program);
		await expect(attempt).rejects.toBeInstanceOf(EnvironmentError);
		await expect(attempt).rejects.toThrow(/already exists .* move one of them away, then run install-hook again/);
		expect(readFileSync(`${file}${chainedSuffix}`, 'utf8')).toBe('saved before\n');
		expect(readFileSync(file, 'utf8')).toBe('a newer hook of the user\n');
	});

	it('respects core.hooksPath (relative to the work tree, from a subdirectory)', async () => {
		const repo = makeRepo();
		git(repo, 'config', 'core.hooksPath', 'team-hooks');
		const sub = path.join(repo, 'src', 'deep');
		mkdirSync(sub, {recursive: true});
		const change = await installHook(sub, 'post-commit', program);
		expect(change.path).toBe(path.join(repo, 'team-hooks', 'post-commit'));
		expect(existsSync(change.path)).toBe(true);
		expect(hookFiles(path.join(repo, '.git', 'hooks'))).toEqual([]);
		expect(await hooksDirectory(sub)).toBe(path.join(repo, 'team-hooks'));
	});

	it('is a clear error outside a repository', async () => {
		await expect(installHook(tempDir('rst-nogit-'), 'pre-push', program)).rejects.toThrow(/not a git repository: .*; run inside a repository or pass --cwd/);
	});
});

describe('uninstall-hook', () => {
	it('restores the user\'s hook byte for byte, mode included, and leaves nothing behind', async () => {
		const repo = makeRepo();
		const file = path.join(repo, '.git', 'hooks', 'pre-push');
		const original = writeUserHook(file);
		await installHook(repo, 'pre-push', program);
		expect((await uninstallHook(repo, 'pre-push')).action).toBe('restored');
		expect(bytesAndMode(file)).toEqual(original);
		expect(hookFiles(path.dirname(file))).toEqual(['pre-push']);
	});

	it('removes its own hook when there was none before', async () => {
		const repo = makeRepo();
		await installHook(repo, 'post-commit', program);
		expect((await uninstallHook(repo, 'post-commit')).action).toBe('removed');
		expect(hookFiles(path.join(repo, '.git', 'hooks'))).toEqual([]);
	});

	it('never touches a hook it did not add', async () => {
		const repo = makeRepo();
		const file = path.join(repo, '.git', 'hooks', 'post-commit');
		const original = writeUserHook(file);
		expect((await uninstallHook(repo, 'post-commit')).action).toBe('absent');
		expect((await uninstallHook(repo, 'pre-push')).action).toBe('absent');
		expect(bytesAndMode(file)).toEqual(original);
	});

	it('brings a saved hook back when its own hook was deleted by hand', async () => {
		const repo = makeRepo();
		const file = path.join(repo, '.git', 'hooks', 'post-commit');
		const original = writeUserHook(file);
		await installHook(repo, 'post-commit', program);
		rmSync(file);
		expect((await uninstallHook(repo, 'post-commit')).action).toBe('restored');
		expect(bytesAndMode(file)).toEqual(original);
	});
});
