import {describe, expect, it} from 'vitest';
import {FakeProcess} from './fixtures/fake-process.js';
import {enterAlternateScreen, enterAltScreen, hideCursor, leaveAltScreen, showCursor} from '../../source/ui/alternate-screen.js';

function recorder() {
	const writes: string[] = [];
	return {writes, stream: {write: (chunk: string) => writes.push(chunk)}, text: () => writes.join('')};
}

describe('alternate screen (SPEC §1: restored on exit)', () => {
	it('enters the alternate screen and hides the cursor, then restores both once', () => {
		const out = recorder();
		const proc = new FakeProcess();
		const screen = enterAlternateScreen(out.stream, {process: proc});
		expect(out.text().startsWith(enterAltScreen)).toBe(true);
		expect(out.text()).toContain(hideCursor);
		expect(screen.active).toBe(true);
		screen.restore();
		screen.restore();
		expect(out.text().endsWith(showCursor + leaveAltScreen)).toBe(true);
		expect(out.text().split(leaveAltScreen)).toHaveLength(2);
		expect(screen.active).toBe(false);
	});

	it('restores on process exit and on an uncaught exception (before Node prints it)', () => {
		for (const event of ['exit', 'uncaughtExceptionMonitor']) {
			const out = recorder();
			const proc = new FakeProcess();
			enterAlternateScreen(out.stream, {process: proc});
			proc.emit(event, new Error('boom'));
			expect(out.text(), event).toContain(leaveAltScreen);
		}
	});

	it('restores on SIGTERM and then dies of it when nobody else listens', () => {
		const out = recorder();
		const proc = new FakeProcess();
		enterAlternateScreen(out.stream, {process: proc});
		proc.emit('SIGTERM');
		expect(out.text()).toContain(leaveAltScreen);
		expect(proc.kills).toEqual(['SIGTERM']);
	});

	it('leaves the signal to its other listeners when there are some', () => {
		const out = recorder();
		const proc = new FakeProcess();
		proc.on('SIGINT', () => {});
		enterAlternateScreen(out.stream, {process: proc});
		proc.emit('SIGINT');
		expect(out.text()).toContain(leaveAltScreen);
		expect(proc.kills).toEqual([]);
	});

	it('leaves signals alone when the caller handles them', () => {
		const out = recorder();
		const proc = new FakeProcess();
		enterAlternateScreen(out.stream, {process: proc, handleSignals: false});
		expect(proc.listenerCount('SIGTERM')).toBe(0);
		expect(proc.listenerCount('exit')).toBe(1);
	});

	it('removes every listener it added once restored', () => {
		const out = recorder();
		const proc = new FakeProcess();
		const screen = enterAlternateScreen(out.stream, {process: proc});
		screen.restore();
		for (const event of ['exit', 'uncaughtExceptionMonitor', 'SIGINT', 'SIGTERM', 'SIGHUP']) expect(proc.listenerCount(event), event).toBe(0);
	});
});
