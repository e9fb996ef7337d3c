import {describe, expect, it} from 'vitest';
import {paletteFor} from '../../source/report/colors.js';
import {safeTerminalText} from '../../source/report/safe-output.js';

describe('safeTerminalText', () => {
	it('keeps exactly the codes our palette paints with, and no other escape sequence', () => {
		const palette = paletteFor(1);
		const ours = [palette.green('ok'), palette.red('x'), palette.yellow('!'), palette.cyan('~'), palette.dim('.'), palette.bold('B')].join(' ');
		expect(safeTerminalText(ours, true)).toBe(ours);
		// Blink, hidden text, 256 colours, a cursor move, a title: SGR or not, none of them is ours.
		for (const foreign of ['\u001b[5m', '\u001b[8m', '\u001b[38;5;196m', '\u001b[2J', '\u001b]0;owned\u0007']) {
			expect(safeTerminalText(`${palette.dim(`a${foreign}b`)}`, true), JSON.stringify(foreign)).not.toContain(foreign);
		}
		expect(safeTerminalText(ours, false)).not.toContain('\u001b');
	});
});
