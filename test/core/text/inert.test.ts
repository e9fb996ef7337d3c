import {describe, expect, it} from 'vitest';
import {boundedLines, cutLine} from '../../../source/core/text/bounded.js';
import {inertText} from '../../../source/core/text/inert.js';

const esc = '\u001B';
const bel = '\u0007';
const st = `${esc}\\`;
// Any byte a terminal acts on: C0 but \n and \t, DEL, C1.
const controlByte = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

const rows: Array<{name: string; text: string; words: string}> = [
	{name: 'CSI colour and erase', text: `${esc}[31mred${esc}[0m ${esc}[2Jcleared${esc}[K`, words: 'red cleared'},
	{name: 'cursor moves painting a fake summary', text: `${esc}[1A${esc}[2K${esc}[32m✔ pushed${esc}[0m${esc}[10;1H`, words: '✔ pushed'},
	{name: 'OSC 52 clipboard write (BEL)', text: `a${esc}]52;c;cm0gLXJmIH4=${bel}b`, words: 'ab'},
	{name: 'OSC window title (ST)', text: `a${esc}]0;owned${st}b`, words: 'ab'},
	{name: 'OSC 8 hyperlink keeps its text', text: `${esc}]8;;https://evil.example${st}click${esc}]8;;${st}`, words: 'click'},
	{name: 'DCS', text: `a${esc}P1$r0m${st}b`, words: 'ab'},
	{name: 'APC, PM, SOS', text: `a${esc}_apc${st}b${esc}^pm${st}c${esc}Xsos${st}d`, words: 'abcd'},
	{name: '8-bit CSI U+009B', text: 'a\u009B2Jb\u009B31mc', words: 'abc'},
	{name: '8-bit OSC U+009D with U+009C', text: 'a\u009D0;title\u009Cb', words: 'ab'},
	{name: 'lone C1 and C0 bytes', text: 'a\u0085b\u0090c\u0007d\u0000e\u007Ff\u0008g', words: 'abcdefg'},
	{name: 'two-byte escapes (save cursor, charset)', text: `a${esc}7b${esc}(0c${esc}8d`, words: 'abcd'},
	{name: 'an unterminated OSC leaves words, no ESC', text: `a${esc}]0;title`, words: 'a]0;title'},
];

describe('inertText: foreign text keeps its words and loses every sequence', () => {
	it.each(rows)('$name', ({text, words}) => {
		const out = inertText(text);
		expect(out).toBe(words);
		expect(out).not.toMatch(controlByte);
	});

	it('keeps \\n and \\t only in multi-line text; \\r and \\r\\n become \\n', () => {
		expect(inertText('a\tb\r\nc\rd\ne', {multiline: true})).toBe('a\tb\nc\nd\ne');
		expect(inertText('a\tb\r\nc\ne')).toBe('a b c e');
	});

	it('shows bidi overrides, isolates and invisible format characters escaped', () => {
		expect(inertText('main\u202Etxt.exe')).toBe('main<U+202E>txt.exe');
		expect(inertText('\u2066a\u2069\u200Bb\uFEFF')).toBe('<U+2066>a<U+2069><U+200B>b<U+FEFF>');
		expect(inertText('\u202A\u202B\u202C\u202D\u2067\u2068')).toBe('<U+202A><U+202B><U+202C><U+202D><U+2067><U+2068>');
	});

	it('leaves plain text, Unicode and emoji alone', () => {
		const plain = 'To http://127.0.0.1/x.git  main -> main ✓ é 漢字 🚀';
		expect(inertText(plain)).toBe(plain);
	});
});

describe('bounded foreign output', () => {
	it('cuts a long line with an ellipsis and keeps the last lines', () => {
		expect(cutLine('x'.repeat(200_000), 400)).toHaveLength(400);
		expect(cutLine('x'.repeat(500), 400).endsWith('…')).toBe(true);
		const many = Array.from({length: 20_000}, (_, index) => `line ${index}`).join('\n');
		const kept = boundedLines(many, {maxLines: 200}).split('\n');
		expect(kept).toHaveLength(201);
		expect(kept[0]).toBe('… 19800 earlier lines not kept');
		expect(kept.at(-1)).toBe('line 19999');
	});

	it('never cuts a surrogate pair in half', () => {
		const cut = cutLine(`${'a'.repeat(398)}🚀🚀`, 400);
		expect(cut).toBe(`${'a'.repeat(398)}…`);
	});
});
