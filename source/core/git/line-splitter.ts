import {StringDecoder} from 'node:string_decoder';

/**
 * Splits a stream into lines on \n and \r (git's progress redraws with \r), in time linear in
 * what arrives: each chunk is scanned once, and a line that grows past `maxLineChars` without
 * ending (a hook printing 200 KB on one line) stops being kept and is dropped when it ends —
 * the callers want short lines (progress), and re-scanning a growing buffer on every chunk was
 * quadratic. Multi-byte characters split across chunks are decoded whole.
 */
export function lineSplitter(onLine: (line: string) => void, maxLineChars = 4096): (chunk: Buffer | string) => void {
	const decoder = new StringDecoder('utf8');
	let pending = '';
	let overlong = false;
	return chunk => {
		const parts = (typeof chunk === 'string' ? chunk : decoder.write(chunk)).split(/\r|\n/);
		const tail = parts.pop() ?? '';
		for (const part of parts) {
			const line = overlong ? '' : pending + part;
			pending = '';
			overlong = false;
			if (line.length > 0 && line.length <= maxLineChars) onLine(line);
		}

		if (overlong) return;
		if (pending.length + tail.length > maxLineChars) {
			overlong = true;
			pending = '';
		} else {
			pending += tail;
		}
	};
}
