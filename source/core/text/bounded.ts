/**
 * Foreign output kept in the model is bounded, so a hook printing one 200 KB line or 20 000
 * lines costs the dashboard (which lays out every kept character on each frame) and the log
 * no more than a screenful: the last `maxLines` lines, each cut at `maxLineChars` with "…".
 * Linear in the input: one split, one pass.
 */

export const maxLineChars = 400;
export const maxKeptLines = 200;

export function cutLine(line: string, max = maxLineChars): string {
	if (line.length <= max) return line;
	let end = max - 1;
	// Never leave half of a surrogate pair behind.
	const code = line.charCodeAt(end - 1);
	if (code >= 0xd8_00 && code <= 0xdb_ff) end--;
	return `${line.slice(0, end)}…`;
}

export function boundedLines(text: string, options: {maxLines?: number; maxLineChars?: number} = {}): string {
	const maxLines = options.maxLines ?? maxKeptLines;
	const lines = text.split('\n');
	const kept = lines.length > maxLines ? [`… ${lines.length - maxLines} earlier lines not kept`, ...lines.slice(-maxLines)] : lines;
	return kept.map(line => cutLine(line, options.maxLineChars)).join('\n');
}
