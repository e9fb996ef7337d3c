import {describe, expect, it} from 'vitest';
import {formatAge, formatBytes, formatDuration, formatRate, printable, printableLine, progressBar, rowGlyph, truncate} from '../../source/ui/format.js';
import {buildRow, rowInState, unreachableRow} from './fixtures/static-service.js';

describe('text helpers of the dashboard', () => {
	it('sizes and rates in binary units, as git prints them', () => {
		expect(formatBytes(512)).toBe('512 B');
		expect(formatBytes(2048)).toBe('2.0 KiB');
		expect(formatRate(1.2 * 1024 * 1024)).toBe('1.2 MiB/s');
		expect(formatBytes(5 * 1024 ** 3)).toBe('5.0 GiB');
	});

	it('durations and ages', () => {
		expect(formatDuration(250)).toBe('250ms');
		expect(formatDuration(1234)).toBe('1.2s');
		expect(formatDuration(125_000)).toBe('2m5s');
		expect(formatAge(12_400)).toBe('12s ago');
		expect(formatAge(5 * 60_000)).toBe('5m ago');
		expect(formatAge(3 * 3_600_000)).toBe('3h ago');
		expect(formatAge(-50)).toBe('0s ago');
	});

	it('a bar exactly as wide as asked, filled in proportion and clamped', () => {
		expect(progressBar(62, 10)).toBe('██████░░░░');
		expect(progressBar(0, 4)).toBe('░░░░');
		expect(progressBar(150, 4)).toBe('████');
		expect([...progressBar(33, 24)]).toHaveLength(24);
	});

	it('truncates with an ellipsis only when needed', () => {
		expect(truncate('origin', 10)).toBe('origin');
		expect(truncate('github-enterprise', 8)).toBe('github-…');
	});

	it('reachability wins over the sync state', () => {
		expect(rowGlyph(rowInState('a', 'ahead')).glyph).toBe('↑');
		expect(rowGlyph(unreachableRow('b')).glyph).toBe('✗');
		expect(rowGlyph(buildRow('c', {status: undefined})).glyph).toBe('…'); // no status yet: not "unknown"
	});
});

describe('printable', () => {
	it('expands tabs and drops escape sequences whole, so a line is as wide on screen as ink measures it', () => {
		expect(printable('=\tabc:refs/heads/main\t[up to date]')).toBe('=    abc:refs/heads/main    [up to date]');
		// A progress redraw (\r) starts a new line rather than gluing two together.
		expect(printable('a\u001B[2Jb\rc\nd\u009B1Ae')).toBe('ab\nc\nde');
	});

	it('cuts each line to a bounded length; printableLine keeps one line and shows bidi escaped', () => {
		expect(printable(`${'x'.repeat(5000)}\nok`)).toMatch(/^x+…\nok$/);
		expect(printable('x'.repeat(5000)).length).toBeLessThan(1000);
		expect(printableLine('main\u202E\ngpj.exe')).toBe('main<U+202E> gpj.exe');
	});
});
