import {describe, expect, it} from 'vitest';
import {lineSplitter} from '../../../source/core/git/line-splitter.js';

function split(chunks: Array<string | Buffer>, max?: number): string[] {
	const lines: string[] = [];
	const feed = lineSplitter(line => lines.push(line), max);
	for (const chunk of chunks) feed(chunk);
	return lines;
}

describe('the runner splits stderr into lines', () => {
	it('on \\n and \\r, across chunks', () => {
		expect(split(['Count', 'ing 1%\rCounting 2%\r', '\nWriting\n'])).toEqual(['Counting 1%', 'Counting 2%', 'Writing']);
	});

	it('decodes a multi-byte character split across chunks', () => {
		const bytes = Buffer.from('✔ ok\n');
		expect(split([bytes.subarray(0, 2), bytes.subarray(2)])).toEqual(['✔ ok']);
	});

	it('drops a line that grows past the cap, and keeps the lines after it', () => {
		const huge = Array.from({length: 200}, () => 'x'.repeat(1000));
		expect(split(['before\n', ...huge, 'tail\nafter\n'], 4096)).toEqual(['before', 'after']);
	});

	it('keeps no more than the cap while a line has not ended (linear, not quadratic)', () => {
		// 50 MB on one line in 64 KiB chunks: re-splitting the whole buffer per chunk would take minutes.
		const chunk = 'y'.repeat(64 * 1024);
		const lines = split([...Array.from({length: 800}, () => chunk), '\nend\n']);
		expect(lines).toEqual(['end']);
	});
});
