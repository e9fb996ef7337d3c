#!/usr/bin/env node
/**
 * Turns a terminal screen captured with ANSI SGR colours (`tmux capture-pane -p -e`) into an SVG
 * that looks like that terminal: a dark theme, a monospace grid, one <text> per run of
 * same-styled characters.
 *
 * Every character gets its own x (a list on the run's <text>), so columns stay aligned whatever
 * monospace font the viewer substitutes (GitHub's browser, rsvg, ImageMagick), and glyphs that
 * come from a fallback font (arrows, braille spinners) cannot push the rest of the line sideways.
 * Box-drawing lines and block elements are drawn as shapes, not glyphs: borders then join
 * across lines and progress bars fill their cells exactly, independent of the font's metrics.
 *
 * Usage as a program: node scripts/ansi-to-svg.mjs screen.ans screen.svg [--columns 120] [--rows 32]
 */
import fs from 'node:fs';
import {pathToFileURL} from 'node:url';

/** A dark theme close to VS Code's terminal defaults: 16 ANSI colours, foreground, background. */
export const darkTheme = {
	background: '#1e1e1e',
	foreground: '#d4d4d4',
	chrome: '#2d2d2d',
	ansi: [
		'#000000', '#cd3131', '#0dbc79', '#e5e510', '#2472c8', '#bc3fbc', '#11a8cd', '#e5e5e5',
		'#666666', '#f14c4c', '#23d18b', '#f5f543', '#3b8eea', '#d670d6', '#29b8db', '#ffffff',
	],
};

const defaultStyle = Object.freeze({fg: undefined, bg: undefined, bold: false, dim: false, italic: false, underline: false, inverse: false});

/** xterm's 256-colour palette: 0-15 from the theme, a 6×6×6 cube, then 24 greys. */
function color256(n, theme) {
	if (n < 16) return theme.ansi[n];
	if (n < 232) {
		const steps = [0, 95, 135, 175, 215, 255];
		const i = n - 16;
		return rgbHex(steps[Math.floor(i / 36)], steps[Math.floor(i / 6) % 6], steps[i % 6]);
	}
	const grey = 8 + (n - 232) * 10;
	return rgbHex(grey, grey, grey);
}

function rgbHex(r, g, b) {
	return `#${[r, g, b].map((v) => Math.max(0, Math.min(255, v)).toString(16).padStart(2, '0')).join('')}`;
}

function mix(hexA, hexB, weightA) {
	const a = hexA.match(/\w\w/g).map((h) => parseInt(h, 16));
	const b = hexB.match(/\w\w/g).map((h) => parseInt(h, 16));
	return rgbHex(...a.map((v, i) => Math.round(v * weightA + b[i] * (1 - weightA))));
}

/**
 * Applies one SGR parameter list to a style. `38;5;n`, `38;2;r;g;b` and tmux's colon forms
 * (`38:2::r:g:b`) are all accepted; unknown codes are ignored, as a terminal would.
 */
export function applySgr(style, params, theme = darkTheme) {
	const next = {...style};
	const codes = params === '' ? ['0'] : params.split(';');
	for (let i = 0; i < codes.length; i++) {
		const [head, ...sub] = codes[i].split(':');
		const code = Number(head || 0);
		const extended = (target) => {
			// Colon form (`38:2::r:g:b`, `38:5:n`) carries its arguments in `sub`; the semicolon form
			// in the codes that follow, which are then consumed.
			const args = sub.length > 0 ? sub : codes.slice(i + 1);
			if (args[0] === '5' && args[1] !== undefined) {
				next[target] = color256(Number(args[1]), theme);
				if (sub.length === 0) i += 2;
			} else if (args[0] === '2') {
				const rgb = sub.length > 0 ? sub.slice(-3) : args.slice(1, 4);
				if (rgb.length === 3) next[target] = rgbHex(...rgb.map(Number));
				if (sub.length === 0) i += 4;
			}
		};
		if (code === 0) Object.assign(next, defaultStyle);
		else if (code === 1) next.bold = true;
		else if (code === 2) next.dim = true;
		else if (code === 3) next.italic = true;
		else if (code === 4) next.underline = true;
		else if (code === 7) next.inverse = true;
		else if (code === 22) next.bold = next.dim = false;
		else if (code === 23) next.italic = false;
		else if (code === 24) next.underline = false;
		else if (code === 27) next.inverse = false;
		else if (code >= 30 && code <= 37) next.fg = theme.ansi[code - 30];
		else if (code === 38) extended('fg');
		else if (code === 39) next.fg = undefined;
		else if (code >= 40 && code <= 47) next.bg = theme.ansi[code - 40];
		else if (code === 48) extended('bg');
		else if (code === 49) next.bg = undefined;
		else if (code >= 90 && code <= 97) next.fg = theme.ansi[code - 90 + 8];
		else if (code >= 100 && code <= 107) next.bg = theme.ansi[code - 100 + 8];
	}
	return next;
}

/** Cells a character takes: 2 for East Asian wide and emoji, 0 for combining marks. */
export function cellWidth(codePoint) {
	if ((codePoint >= 0x300 && codePoint <= 0x36f) || codePoint === 0x200d || (codePoint >= 0xfe00 && codePoint <= 0xfe0f)) return 0;
	const wide = [
		[0x1100, 0x115f], [0x2e80, 0xa4cf], [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe30, 0xfe4f],
		[0xff00, 0xff60], [0xffe0, 0xffe6], [0x1f300, 0x1f64f], [0x1f900, 0x1f9ff], [0x20000, 0x3fffd],
	];
	return wide.some(([from, to]) => codePoint >= from && codePoint <= to) ? 2 : 1;
}

/**
 * Parses captured text into a grid: rows of cells `{ch, style, width}` (the cell after a wide
 * character is `undefined`). The style carries over line ends, as tmux's capture assumes.
 */
export function parseAnsi(text, {columns = 120, rows, theme = darkTheme} = {}) {
	const lines = text.replace(/\r/g, '').split('\n');
	if (lines.at(-1) === '') lines.pop();
	const grid = [];
	let style = {...defaultStyle};
	for (const line of lines.slice(0, rows ?? lines.length)) {
		const row = [];
		// SGR sequences, other CSI sequences (dropped), OSC sequences (dropped), or one character.
		const tokens = /\x1b\[([0-9;:]*)m|\x1b\[[0-9;:?]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b.|([\s\S])/gu;
		for (const match of line.matchAll(tokens)) {
			if (match[1] !== undefined) style = applySgr(style, match[1], theme);
			else if (match[2] !== undefined) {
				const width = cellWidth(match[2].codePointAt(0));
				if (width === 0 && row.length > 0) {
					const last = row.findLast((cell) => cell !== undefined);
					if (last) last.ch += match[2];
					continue;
				}
				if (row.length + width > columns) continue;
				row.push({ch: match[2] === '\t' ? ' ' : match[2], style, width});
				if (width === 2) row.push(undefined);
			}
		}
		grid.push(row);
	}
	while (rows !== undefined && grid.length < rows) grid.push([]);
	return grid;
}

const xmlEscape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (n) => String(Math.round(n * 100) / 100);

/** The colours a cell is painted with, after inverse and dim. */
function paint(style, theme) {
	let fg = style.fg ?? theme.foreground;
	let bg = style.bg;
	if (style.inverse) [fg, bg] = [bg ?? theme.background, fg];
	if (style.dim) fg = mix(fg, bg ?? theme.background, 0.55);
	return {fg, bg};
}

// Light and heavy box drawing: which of up/right/down/left each character reaches; rounded
// corners draw an arc between their two arms.
const boxArms = {
	'─': 'rl', '━': 'rl', '│': 'ud', '┃': 'ud', '┌': 'rd', '┐': 'ld', '└': 'ur', '┘': 'ul',
	'├': 'udr', '┤': 'udl', '┬': 'rld', '┴': 'rlu', '┼': 'udrl', '╭': 'rd', '╮': 'ld', '╰': 'ur', '╯': 'ul',
};
const rounded = new Set(['╭', '╮', '╰', '╯']);
// Block elements as fractions of the cell [x, y, w, h] and an opacity (shades are translucent).
const blocks = {
	'█': [0, 0, 1, 1, 1], '▀': [0, 0, 1, 0.5, 1], '▄': [0, 0.5, 1, 0.5, 1], '▌': [0, 0, 0.5, 1, 1], '▐': [0.5, 0, 0.5, 1, 1],
	'░': [0, 0, 1, 1, 0.25], '▒': [0, 0, 1, 1, 0.5], '▓': [0, 0, 1, 1, 0.75],
};

function boxPath(ch, x, y, w, h) {
	const cx = x + w / 2;
	const cy = y + h / 2;
	const arms = boxArms[ch];
	if (rounded.has(ch)) {
		const r = Math.min(w, h) / 2;
		const [vertical, horizontal] = [arms.includes('u') ? y : y + h, arms.includes('r') ? x + w : x];
		const sweep = ch === '╭' || ch === '╯' ? 1 : 0;
		const arcStartY = arms.includes('u') ? cy - r : cy + r;
		const arcEndX = arms.includes('r') ? cx + r : cx - r;
		return `M${num(cx)} ${num(vertical)}V${num(arcStartY)}A${num(r)} ${num(r)} 0 0 ${sweep} ${num(arcEndX)} ${num(cy)}H${num(horizontal)}`;
	}
	const ends = {u: [cx, y], d: [cx, y + h], l: [x, cy], r: [x + w, cy]};
	return [...arms].map((arm) => `M${num(cx)} ${num(cy)}L${num(ends[arm][0])} ${num(ends[arm][1])}`).join('');
}

/**
 * The SVG of one screen. Options: columns, rows, fontSize (px), title (shown in a window bar;
 * `chrome: false` drops the bar and padding so width is exactly columns × cell width).
 */
export function ansiToSvg(text, options = {}) {
	const {columns = 120, theme = darkTheme, fontSize = 14, title = '', chrome = true} = options;
	const grid = parseAnsi(text, {columns, rows: options.rows, theme});
	const cw = fontSize * 0.6;
	const lh = Math.round(fontSize * 1.25);
	const pad = chrome ? 12 : 0;
	const bar = chrome ? 28 : 0;
	const width = columns * cw + 2 * pad;
	const height = grid.length * lh + 2 * pad + bar;
	const x0 = pad;
	const y0 = pad + bar;
	const backgrounds = [];
	const blockRects = [];
	const shapes = [];
	const texts = [];

	grid.forEach((row, r) => {
		const top = y0 + r * lh;
		const baseline = top + Math.round(lh * 0.78);
		let run;
		const flush = () => {
			if (!run) return;
			const trimmed = run.chars.join('').replace(/\s+$/u, '');
			if (trimmed.trim() !== '') {
				const xs = run.xs.slice(0, [...trimmed].length).map(num).join(' ');
				const attrs = [`x="${xs}"`, `y="${baseline}"`];
				if (run.fg !== theme.foreground) attrs.push(`fill="${run.fg}"`);
				if (run.style.bold) attrs.push('font-weight="bold"');
				if (run.style.italic) attrs.push('font-style="italic"');
				texts.push(`<text ${attrs.join(' ')}>${xmlEscape(trimmed)}</text>`);
			}
			run = undefined;
		};
		row.forEach((cell, c) => {
			if (cell === undefined) return;
			const x = x0 + c * cw;
			const {fg, bg} = paint(cell.style, theme);
			const cellW = cw * cell.width;
			if (bg) backgrounds.push({x, y: top, w: cellW, h: lh, fill: bg});
			if (cell.style.underline) shapes.push(`<rect x="${num(x)}" y="${num(baseline + 2)}" width="${num(cellW)}" height="1" fill="${fg}"/>`);
			if (boxArms[cell.ch] || blocks[cell.ch]) {
				flush();
				if (boxArms[cell.ch]) {
					const stroke = '━┃'.includes(cell.ch) ? 2.5 : 1.3;
					shapes.push(`<path d="${boxPath(cell.ch, x, top, cw, lh)}" stroke="${fg}" stroke-width="${stroke}" fill="none"/>`);
				} else {
					const [bx, by, bw, bh, opacity] = blocks[cell.ch];
					blockRects.push({x: x + bx * cw, y: top + by * lh, w: bw * cw, h: bh * lh, fill: fg, opacity});
				}
				return;
			}
			const key = `${fg}|${cell.style.bold}|${cell.style.italic}`;
			if (run && run.key !== key) flush();
			if (!run) run = {key, fg, style: cell.style, chars: [], xs: []};
			run.chars.push(cell.ch);
			run.xs.push(x);
		});
		flush();
	});

	// Adjacent cells painted alike become one rectangle: no anti-aliased seams between cells.
	const merge = (rects) => {
		const merged = [];
		for (const b of rects) {
			const last = merged.at(-1);
			const same = last && last.fill === b.fill && last.opacity === b.opacity && last.y === b.y && last.h === b.h;
			if (same && Math.abs(last.x + last.w - b.x) < 0.01) last.w += b.w;
			else merged.push({...b});
		}
		return merged;
	};
	const rect = (b) => {
		const alpha = b.opacity !== undefined && b.opacity < 1 ? ` fill-opacity="${b.opacity}"` : '';
		return `<rect x="${num(b.x)}" y="${num(b.y)}" width="${num(b.w)}" height="${num(b.h)}" fill="${b.fill}"${alpha}/>`;
	};

	const out = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${height}" viewBox="0 0 ${num(width)} ${height}" xml:space="preserve">`,
		`<rect width="100%" height="100%" rx="${chrome ? 8 : 0}" fill="${theme.background}"/>`,
	];
	if (chrome) {
		out.push(`<path d="M0 ${bar}V8A8 8 0 0 1 8 0H${num(width - 8)}A8 8 0 0 1 ${num(width)} 8V${bar}Z" fill="${theme.chrome}"/>`);
		['#ff5f56', '#ffbd2e', '#27c93f'].forEach((fill, i) => out.push(`<circle cx="${18 + i * 20}" cy="${bar / 2}" r="6" fill="${fill}"/>`));
		if (title) out.push(`<text x="${num(width / 2)}" y="${bar / 2 + 4}" text-anchor="middle" font-family="sans-serif" font-size="12" fill="#9d9d9d">${xmlEscape(title)}</text>`);
	}
	out.push(...merge(backgrounds).map(rect), ...merge(blockRects).map(rect), ...shapes);
	out.push(
		`<g font-family="'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace" font-size="${fontSize}" fill="${theme.foreground}" style="white-space: pre">`,
		...texts,
		'</g>',
		'</svg>',
		'',
	);
	return out.join('\n');
}

function main(argv) {
	const [input, output, ...rest] = argv;
	if (!input || !output) {
		console.error('usage: node scripts/ansi-to-svg.mjs <capture.ans> <out.svg> [--columns N] [--rows N] [--title T]');
		process.exit(2);
	}
	const flag = (name) => {
		const i = rest.indexOf(`--${name}`);
		return i === -1 ? undefined : rest[i + 1];
	};
	const text = fs.readFileSync(input, 'utf8');
	const columns = Number(flag('columns') ?? 120);
	const rows = flag('rows') === undefined ? undefined : Number(flag('rows'));
	fs.writeFileSync(output, ansiToSvg(text, {columns, rows, title: flag('title') ?? ''}));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
