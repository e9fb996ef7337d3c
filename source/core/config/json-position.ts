/**
 * Where a JSON syntax error is, as line:column, for "file:3:15: invalid JSON: ...".
 * Node 20's JSON.parse says "at position N" for most errors but not all ("Unexpected token
 * '}', "..." is not valid JSON" has none), so a small scanner finds the offset when the
 * message does not carry it.
 */

export type JsonErrorLocation = {line: number; column: number; reason: string};

/** 1-based line and column of `offset` in `text`. */
export function lineColumn(text: string, offset: number): {line: number; column: number} {
	const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
	const lines = before.split('\n');
	return {line: lines.length, column: (lines.at(-1) ?? '').length + 1};
}

/** The message without V8's position suffix or its quoted copy of the input (which may be long). */
function reasonOf(message: string): string {
	return message
		.replace(/\s+(?:in JSON )?at position \d+.*$/s, '')
		.replace(/,\s*(?:\.\.\.)?".*" is not valid JSON$/s, '')
		.replace(/\s+/g, ' ')
		.trim();
}

export function locateJsonError(text: string, error: unknown): JsonErrorLocation {
	const message = error instanceof Error ? error.message : String(error);
	const stated = /at position (\d+)/.exec(message);
	const offset = stated ? Number(stated[1]) : (findSyntaxErrorOffset(text) ?? text.length);
	return {...lineColumn(text, offset), reason: reasonOf(message) || 'not valid JSON'};
}

/** Offset of the first character that makes `text` invalid JSON; undefined if it is valid. */
export function findSyntaxErrorOffset(text: string): number | undefined {
	let i = 0;
	const fail = (at: number): never => {
		throw new ScanError(at);
	};

	const space = () => {
		while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
	};

	const expect = (char: string) => {
		if (text[i] !== char) fail(i);
		i++;
	};

	const string = () => {
		expect('"');
		while (i < text.length && text[i] !== '"') {
			if (text.charCodeAt(i) < 0x20) fail(i);
			if (text[i] === '\\') {
				i++;
				if (text[i] === 'u') {
					if (!/^[\da-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail(i);
					i += 4;
				} else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail(i);
			}

			i++;
		}

		expect('"');
	};

	const value = (): void => {
		space();
		const char = text[i];
		if (char === '{') return members('}', () => {
			string();
			space();
			expect(':');
			value();
		});
		if (char === '[') return members(']', value);
		if (char === '"') return string();
		const word = ['true', 'false', 'null'].find(candidate => candidate[0] === char);
		if (word) {
			// Like JSON.parse, blame the first letter that differs.
			for (const letter of word) expect(letter);
			return;
		}

		number();
	};

	const digits = () => {
		if (!/\d/.test(text[i] ?? '')) fail(i);
		while (/\d/.test(text[i] ?? '')) i++;
	};

	const number = () => {
		if (text[i] === '-') i++;
		if (text[i] === '0') i++;
		else digits();
		if (text[i] === '.') {
			i++;
			digits();
		}

		if (text[i] === 'e' || text[i] === 'E') {
			i++;
			if (text[i] === '+' || text[i] === '-') i++;
			digits();
		}
	};

	const members = (close: string, item: () => void) => {
		i++;
		space();
		if (text[i] === close) {
			i++;
			return;
		}

		for (;;) {
			space();
			item();
			space();
			if (text[i] === ',') {
				i++;
				continue;
			}

			expect(close);
			return;
		}
	};

	try {
		value();
		space();
		return i < text.length ? i : undefined;
	} catch (error) {
		if (error instanceof ScanError) return error.offset;
		throw error;
	}
}

class ScanError extends Error {
	constructor(readonly offset: number) {
		super(`JSON syntax error at ${offset}`);
	}
}
