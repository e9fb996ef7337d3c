import type {PushStatus, SyncState} from '../core/model.js';
import type {RemoteRow} from '../core/snapshot.js';
import {cutLine} from '../core/text/bounded.js';
import {shownText} from '../core/text/shown-text.js';

// Durations, ages, shas, plurals, branch pairs and tags come from the one formatting module, cell-width cuts from its neighbour.
export {branchPair, describeTags, formatAge, formatDuration, plural, shortSha, tagsCell} from '../report/format.js';
export {truncate} from '../report/cell-width.js';

/**
 * Pure text helpers shared by the components: glyphs, sizes, durations, bars. Kept free of
 * React so the tests can compute expectations with them instead of snapshotting frames.
 */

/** Named colours only (readable on dark and light themes); `undefined` means "dim". */
export type Tone = 'green' | 'red' | 'yellow' | 'cyan' | 'magenta' | undefined;

export type RowGlyph = {glyph: string; tone: Tone; label: string};

const stateGlyphs: Record<SyncState, RowGlyph> = {
	'in-sync': {glyph: '✓', tone: 'green', label: 'in sync'},
	ahead: {glyph: '↑', tone: 'cyan', label: 'ahead'},
	behind: {glyph: '↓', tone: 'yellow', label: 'behind'},
	diverged: {glyph: '⇅', tone: 'red', label: 'diverged'},
	missing: {glyph: '+', tone: 'cyan', label: 'missing'},
	unknown: {glyph: '?', tone: undefined, label: 'unknown'},
	filtered: {glyph: '·', tone: undefined, label: 'filtered'},
};

export const unreachableGlyph: RowGlyph = {glyph: '✗', tone: 'red', label: 'unreachable'};
export const untrustedGlyph: RowGlyph = {glyph: '⊘', tone: 'red', label: 'untrusted, not pushed'};
/** Before the first status arrives: saying "unknown" (never fetched) would be untrue. */
export const loadingGlyph: RowGlyph = {glyph: '…', tone: undefined, label: 'reading…'};

/** Reachability wins over sync state: counts from old refs mean little when the host is down. */
export function rowGlyph(row: Pick<RemoteRow, 'status' | 'health' | 'untrusted'>): RowGlyph {
	// Never contacted, so neither its reachability nor its old refs say anything now.
	if (row.untrusted !== undefined) return untrustedGlyph;
	if (row.health && !row.health.reachable) return unreachableGlyph;
	return row.status ? stateGlyphs[row.status.state] : loadingGlyph;
}

const resultTones: Record<PushStatus, Tone> = {
	pushed: 'green',
	'up-to-date': 'green',
	skipped: undefined,
	blocked: 'red',
	rejected: 'red',
	queued: 'yellow',
	failed: 'red',
	'would-push': 'cyan',
	'would-force': 'yellow',
	'would-block': 'red',
};

export function resultTone(status: PushStatus): Tone {
	return resultTones[status];
}

const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

export function formatBytes(bytes: number): string {
	let value = Math.max(0, bytes);
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}

	return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(1)} ${units[unit]}`;
}

export function formatRate(bytesPerSecond: number): string {
	return `${formatBytes(bytesPerSecond)}/s`;
}

/** A bar exactly `width` cells wide; percent is clamped to 0..100. */
export function progressBar(percent: number, width: number): string {
	const cells = Math.max(0, Math.floor(width));
	const clamped = Math.min(100, Math.max(0, percent));
	const filled = Math.round((clamped / 100) * cells);
	return '█'.repeat(filled) + '░'.repeat(cells - filled);
}

/**
 * Foreign text (git, a hook, a VPN command, names, URLs) as the dashboard draws it: inert and
 * redacted by core's shownText (defence in depth: it was made so where it entered the model),
 * tabs expanded (ink measures a tab as one cell but the terminal jumps to the next tab stop,
 * which overflowed the line and wrapped the layout), each line cut to a bounded length (ink
 * lays out every character it is given, on every frame). Keeps line breaks.
 */
export function printable(text: string): string {
	return shownText(text, {multiline: true})
		.replaceAll('\t', '    ')
		.split('\n')
		.map(line => cutLine(line))
		.join('\n');
}

/** A name, URL or message on one line: `printable` without line breaks. */
export function printableLine(text: string): string {
	return cutLine(shownText(text));
}
