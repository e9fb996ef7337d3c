import {spawn, type ChildProcess} from 'node:child_process';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {installSignalCleanup} from '../../../source/core/vpn/signal-cleanup.js';
import {onCleanup} from '../../harness/index.js';
import {compileForNode, type Compiled} from './compile.js';
import {fakeVpn, waitFor} from './fake-vpn.js';

const childScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/signal-child.mjs');

let compiled: Compiled;
beforeAll(async () => {
	compiled = await compileForNode(['source/core/vpn/vpn-manager.ts', 'source/core/vpn/signal-cleanup.ts']);
});
afterAll(() => compiled?.dispose());

type Running = {child: ChildProcess; stdout: () => string; exited: Promise<{code: number | null; signal: NodeJS.Signals | null}>};

function startHolder(vpnJson: string): Running {
	const child = spawn(
		process.execPath,
		[childScript, compiled.module('source/core/vpn/vpn-manager.ts'), compiled.module('source/core/vpn/signal-cleanup.ts'), vpnJson],
		{stdio: ['ignore', 'pipe', 'pipe']},
	);
	let out = '';
	child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
	const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null}>(resolve => {
		child.once('exit', (code, signal) => resolve({code, signal}));
	});
	onCleanup(() => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	});
	return {child, stdout: () => out, exited};
}

describe('Ctrl-C and SIGTERM disconnect the VPN we connected', () => {
	for (const [signal, code] of [
		['SIGINT', 130],
		['SIGTERM', 143],
		['SIGHUP', 130],
	] as const) {
		it(`${signal}: runs disconnect_cmd, then exits ${code}`, async () => {
			const fake = fakeVpn();
			const holder = startHolder(JSON.stringify(fake.vpn));
			await waitFor(() => holder.stdout().includes('ready') || holder.stdout().includes('not connected'), 'the child to connect', 15_000);
			expect(holder.stdout()).toContain('ready');
			expect(fake.isConnected()).toBe(true);

			holder.child.kill(signal);

			expect(await holder.exited).toEqual({code, signal: null});
			expect(fake.isConnected()).toBe(false);
			expect(existsSync(fake.upMarker)).toBe(false);
			expect(fake.count('disconnect')).toBe(1);
		});
	}
});

describe('installSignalCleanup in this process', () => {
	it('runs the cleanup once, exits with 130, and a second signal exits at once', async () => {
		const exits: number[] = [];
		let cleanups = 0;
		let finish: () => void = () => {};
		const uninstall = installSignalCleanup(
			async () => {
				cleanups++;
				await new Promise<void>(resolve => (finish = resolve));
			},
			{exit: code => exits.push(code)},
		);
		onCleanup(uninstall);

		process.emit('SIGINT', 'SIGINT');
		await waitFor(() => cleanups === 1, 'the cleanup to start');
		expect(exits).toEqual([]);
		process.emit('SIGTERM', 'SIGTERM');
		expect(exits).toEqual([143]);
		finish();
		await waitFor(() => exits.length === 2, 'the exit after cleanup');
		expect(exits).toEqual([143, 130]);
		expect(cleanups).toBe(1);
	});

	it('a re-raised copy of the same signal (signal-exit does that) does not cut the cleanup short', async () => {
		const exits: number[] = [];
		let finish: () => void = () => {};
		const uninstall = installSignalCleanup(async () => new Promise<void>(resolve => (finish = resolve)), {exit: code => exits.push(code)});
		onCleanup(uninstall);
		process.emit('SIGINT', 'SIGINT');
		process.emit('SIGINT', 'SIGINT');
		await new Promise(resolve => setTimeout(resolve, 20));
		expect(exits).toEqual([]);
		finish();
		await waitFor(() => exits.length === 1, 'the exit after cleanup');
		expect(exits).toEqual([130]);
	});

	it('exits after the deadline when the cleanup hangs', async () => {
		const exits: number[] = [];
		const uninstall = installSignalCleanup(async () => new Promise<void>(() => {}), {exit: code => exits.push(code), deadlineMs: 100});
		onCleanup(uninstall);
		process.emit('SIGTERM', 'SIGTERM');
		await waitFor(() => exits.length > 0, 'the deadline exit');
		expect(exits).toEqual([143]);
	});

	it('uninstalling removes the handlers', () => {
		const before = process.listenerCount('SIGINT');
		const uninstall = installSignalCleanup(async () => {});
		expect(process.listenerCount('SIGINT')).toBe(before + 1);
		uninstall();
		expect(process.listenerCount('SIGINT')).toBe(before);
	});
});
