import {describe, expect, it} from 'vitest';
import {findSyntaxErrorOffset, lineColumn, locateJsonError} from '../../../source/core/config/json-position.js';

function parseError(text: string): unknown {
	try {
		JSON.parse(text);
	} catch (error) {
		return error;
	}

	throw new Error(`valid JSON: ${text}`);
}

describe('JSON syntax errors point at line and column', () => {
	it('counts lines and columns from 1', () => {
		expect(lineColumn('abc', 0)).toEqual({line: 1, column: 1});
		expect(lineColumn('ab\ncd', 4)).toEqual({line: 2, column: 2});
		expect(lineColumn('ab\n', 3)).toEqual({line: 2, column: 1});
		expect(lineColumn('ab', 99)).toEqual({line: 1, column: 3});
	});

	// Where V8 states a position, the scanner must find the same one: two independent answers.
	const withPosition = ['{"a":1', '{"a":1,}', "{'a':1}", '{"a" 1}', '{"a":1}}', '{\n "a": "\u0001"}', '[1 2]', '{"a":-}', '{"a": 01}', '{"a":1.}', '{"a":1e}'];
	for (const text of withPosition) {
		it(`agrees with JSON.parse on ${JSON.stringify(text)}`, () => {
			const stated = /at position (\d+)/.exec((parseError(text) as Error).message);
			expect(stated).not.toBeNull();
			expect(findSyntaxErrorOffset(text)).toBe(Number(stated![1]));
		});
	}

	it('finds the offending token when JSON.parse does not say where', () => {
		const text = '{\n  "a": }';
		expect((parseError(text) as Error).message).not.toMatch(/position/);
		expect(locateJsonError(text, parseError(text))).toEqual({line: 2, column: 8, reason: "Unexpected token '}'"});
	});

	it('blames the first wrong letter of a misspelt literal, as JSON.parse does', () => {
		expect(findSyntaxErrorOffset('{"a": ture}')).toBe(7);
		expect(findSyntaxErrorOffset('{"a": nul}')).toBe(9);
		expect(findSyntaxErrorOffset('{"a": yes}')).toBe(6);
	});

	it('points at the end of a file that stops early', () => {
		const text = '{\n  "a": [1,\n';
		const at = locateJsonError(text, parseError(text));
		expect(at).toMatchObject({line: 3, column: 1});
	});

	it('keeps the reason on one line without the quoted input', () => {
		const text = `{"a": [${'1,'.repeat(50)}]}`;
		const {reason} = locateJsonError(text, parseError(text));
		expect(reason).toBe("Unexpected token ']'");
	});

	it('accepts every valid document', () => {
		for (const text of ['{}', '[]', '{"a": [1, 2.5e-3, -0, true, false, null, "x\\u00e9\\n"]}', ' {"a": {"b": {}}} ']) {
			expect(findSyntaxErrorOffset(text)).toBeUndefined();
		}
	});
});
