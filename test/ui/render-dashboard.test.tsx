import {describe, expect, it} from 'vitest';
import type {SyncSnapshot} from '../../source/core/snapshot.js';
import {enterAltScreen, leaveAltScreen, showCursor} from '../../source/ui/alternate-screen.js';
import {renderDashboard} from '../../source/ui/render-dashboard.js';
import {FakeProcess} from './fixtures/fake-process.js';
import {StaticService, buildSnapshot, gate} from './fixtures/static-service.js';
import {FakeStdin, SizedStdout, waitFor} from './helpers.js';

function start(service: StaticService) {
	const stdout = new SizedStdout(100, 30);
	const stderr = new SizedStdout(100, 30);
	const stdin = new FakeStdin();
	const proc = new FakeProcess();
	const exit = renderDashboard(service, {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stderr: stderr as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		process: proc,
	});
	const written = (): string => stdout.frames.join('');
	return {stdout, stderr, stdin, proc, exit, written};
}

/** The dashboard listens to keys once ink has attached to stdin. */
async function ready(stdin: FakeStdin): Promise<void> {
	await waitFor(() => stdin.listenerCount('readable') > 0);
}

describe('renderDashboard', () => {
	it('runs on the alternate screen, and gives it back only after the service is disposed', async () => {
		const service = new StaticService(buildSnapshot());
		const run = start(service);
		expect(run.stdout.frames[0]?.startsWith(enterAltScreen)).toBe(true);
		await ready(run.stdin);
		service.hold = gate();
		run.stdin.write('q');
		await waitFor(() => service.callsOf('dispose').length === 1);
		// VPN cleanup still running: the screen must stay ours.
		expect(run.written()).not.toContain(leaveAltScreen);
		service.hold.open();
		await expect(run.exit).resolves.toBe(0);
		expect(service.disposed).toBe(true);
		expect(run.written().endsWith(showCursor + leaveAltScreen)).toBe(true);
	});

	it('quits with 143 on SIGTERM (SPEC §6), after cleaning up, and lets go of the signals', async () => {
		const service = new StaticService(buildSnapshot({running: 2}));
		const run = start(service);
		await ready(run.stdin);
		run.proc.emit('SIGTERM');
		await expect(run.exit).resolves.toBe(143);
		expect(service.disposed).toBe(true);
		expect(run.written()).toContain(leaveAltScreen);
		for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'exit']) expect(run.proc.listenerCount(signal), signal).toBe(0);
		expect(run.proc.kills).toEqual([]);
	});

	it('stops waiting for cleanup on a second signal: screen restored, default action of the signal', async () => {
		const service = new StaticService(buildSnapshot());
		service.hold = gate();
		const run = start(service);
		await ready(run.stdin);
		run.proc.emit('SIGINT');
		await waitFor(() => service.callsOf('dispose').length === 1);
		run.proc.emit('SIGINT');
		expect(run.written()).toContain(leaveAltScreen);
		expect(run.proc.kills).toEqual(['SIGINT']);
		service.hold.open();
		await expect(run.exit).resolves.toBe(130);
	});

	it('exits 1 and says what to check when cleanup fails', async () => {
		const service = new StaticService(buildSnapshot());
		service.dispose = () => Promise.reject(new Error('disconnect_cmd for corp exited 1'));
		const run = start(service);
		await ready(run.stdin);
		run.stdin.write('q');
		await expect(run.exit).resolves.toBe(1);
		expect(run.stderr.frames.join('')).toContain('cleanup failed: disconnect_cmd for corp exited 1');
		expect(run.written()).toContain(leaveAltScreen);
	});

	it('restores the screen and disposes the service when the UI crashes, then rejects', async () => {
		const broken = {...buildSnapshot(), remotes: undefined} as unknown as SyncSnapshot;
		const service = new StaticService(broken);
		const run = start(service);
		await expect(run.exit).rejects.toThrow();
		expect(service.disposed).toBe(true);
		expect(run.written()).toContain(leaveAltScreen);
	});
});
