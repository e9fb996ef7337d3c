import {describe, expect, it} from 'vitest';
import type {Progress} from '../../../source/core/model.js';
import {parseProgressLine, progressGate} from '../../../source/core/push/progress.js';

// Lines captured from git 2.39 pushing to a bare repository and to `git daemon`.
describe('push progress lines', () => {
	it.each([
		['Enumerating objects: 34, done.', {phase: 'counting', percent: 100}],
		['Enumerating objects: 12', {phase: 'counting'}],
		['Counting objects:   2% (1/34)', {phase: 'counting', percent: 2}],
		['Counting objects: 100% (34/34), done.', {phase: 'counting', percent: 100}],
		['Compressing objects:  42% (14/33)', {phase: 'compressing', percent: 42}],
		['Compressing objects: 100% (33/33), done.', {phase: 'compressing', percent: 100}],
		['Writing objects:  60% (20/33)', {phase: 'writing', percent: 60}],
		['Writing objects:  60% (3/5), 1.20 MiB | 2.40 MiB/s', {phase: 'writing', percent: 60, bytes: 1_258_291, bytesPerSecond: 2_516_582}],
		['Writing objects: 100% (33/33), 3.45 MiB | 11.25 MiB/s, done.', {phase: 'writing', percent: 100, bytes: 3_617_587, bytesPerSecond: 11_796_480}],
		['Writing objects: 100% (2/2), 135 bytes | 135.00 KiB/s, done.', {phase: 'writing', percent: 100, bytes: 135, bytesPerSecond: 138_240}],
		['Writing objects: 100% (1/1), 1 byte | 1 byte/s, done.', {phase: 'writing', percent: 100, bytes: 1, bytesPerSecond: 1}],
		['Writing objects:  10% (1/10), 1.50 GiB | 512 bytes/s', {phase: 'writing', percent: 10, bytes: 1_610_612_736, bytesPerSecond: 512}],
		['remote: Resolving deltas:   3% (1/30)        ', {phase: 'resolving', percent: 3}],
		['remote: Resolving deltas: 100% (30/30), completed with 30 local objects.        ', {phase: 'resolving', percent: 100}],
		['remote: Resolving deltas:  50% (1/2)\u001B[K', {phase: 'resolving', percent: 50}],
	])('%j', (line, expected) => {
		expect(parseProgressLine(line)).toEqual(expected);
	});

	it.each([
		'Delta compression using up to 2 threads',
		'Total 33 (delta 0), reused 0 (delta 0), pack-reused 0',
		'To ../b.git',
		'remote: nope, not today',
		'hint: Updates were rejected because the tip of your current branch is behind',
		'error: failed to push some refs to \'origin\'',
		'',
	])('%j is not progress', line => {
		expect(parseProgressLine(line)).toBeNull();
	});
});

describe('the progress gate', () => {
	it('through a pipe (a line per read): each phase\'s first update and its end, and otherwise at most one update per interval', async () => {
		let clock = 0;
		const passed: Progress[] = [];
		const gate = progressGate(progress => passed.push(progress), 50, () => clock);
		const read = async (ms: number, progress: Progress) => {
			clock = ms;
			gate(progress);
			await Promise.resolve();
		};

		await read(0, {phase: 'counting', percent: 1});
		await read(10, {phase: 'counting', percent: 50});
		await read(20, {phase: 'counting', percent: 100});
		await read(21, {phase: 'writing', percent: 1});
		for (let percent = 2; percent < 100; percent++) await read(21 + percent, {phase: 'writing', percent});
		await read(130, {phase: 'writing', percent: 100, bytes: 4096});
		await read(131, {phase: 'resolving', percent: 100});
		expect(passed.map(progress => `${progress.phase} ${progress.percent}`)).toEqual(['counting 1', 'counting 100', 'writing 1', 'writing 50', 'writing 100', 'resolving 100']);
		expect(passed.at(-2)?.bytes).toBe(4096);
	});

	it('from a file (many lines per read): one update per read, its newest line, never a read behind', async () => {
		const passed: Progress[] = [];
		let clock = 0;
		const gate = progressGate(progress => passed.push(progress), 50, () => clock);
		const read = async (ms: number, from: number, to: number) => {
			clock = ms;
			for (let percent = from; percent <= to; percent++) gate({phase: 'writing', percent});
			await Promise.resolve();
		};

		// The first read opens the phase: its first line shows at once.
		await read(0, 1, 30);
		expect(passed.map(progress => progress.percent)).toEqual([1]);
		// Each read after it, 100 ms apart, shows its newest line, and only that.
		await read(100, 31, 55);
		await read(200, 56, 80);
		expect(passed.map(progress => progress.percent)).toEqual([1, 55, 80]);
		// A read sooner than the interval is held; the next read's newer line replaces it.
		await read(220, 81, 85);
		expect(passed.map(progress => progress.percent)).toEqual([1, 55, 80]);
		await read(300, 86, 90);
		expect(passed.map(progress => progress.percent)).toEqual([1, 55, 80, 90]);

		// A read that ends the phase passes the end, the next phase's first line, and nothing held from before.
		clock = 400;
		for (let percent = 91; percent <= 100; percent++) gate({phase: 'writing', percent});
		gate({phase: 'resolving', percent: 10});
		gate({phase: 'resolving', percent: 20});
		await Promise.resolve();
		expect(passed.map(progress => `${progress.phase} ${progress.percent}`)).toEqual(['writing 1', 'writing 55', 'writing 80', 'writing 90', 'writing 100', 'resolving 10']);
	});
});
