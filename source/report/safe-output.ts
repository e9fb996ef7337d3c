import {invisibleCharacters} from '../core/text/inert.js';
import {shownText} from '../core/text/shown-text.js';

/**
 * The last step before headless output reaches stdout/stderr (defence in depth: foreign text
 * is already made inert where it enters the model). Text reports are painted by our palette,
 * so when colour is on its codes are the one sequence kept — exactly the six styles of
 * report/colors.ts and their resets, not every SGR (a foreign `ESC[5m` blinks, `ESC[8m` hides
 * text); every other piece goes through shownText: inert and redacted. A JSON document gets
 * the same for every string.
 */

// bold 1, dim 2, their reset 22; red 31, green 32, yellow 33, cyan 36, their reset 39.
const paletteColour = /(\u001B\[(?:1|2|22|31|32|33|36|39)m)/;

/** `painted`: the text was painted by the colour palette, whose codes are kept; else none is. */
export function safeTerminalText(text: string, painted: boolean): string {
	if (!painted) return shownText(text, {multiline: true});
	return text
		.split(paletteColour)
		.map((piece, index) => (index % 2 === 1 ? piece : shownText(piece, {multiline: true})))
		.join('');
}

// JSON.stringify escapes C0 but writes DEL, C1 and bidi characters raw (in object keys too):
// as \uXXXX they keep their meaning for a parser and have none for a terminal.
const rawInJson = new RegExp(String.raw`[\u007F-\u009F${invisibleCharacters}]`, 'g');

export function safeJson(document: unknown): string {
	const text = JSON.stringify(document, (_key, value: unknown) => (typeof value === 'string' ? shownText(value, {multiline: true}) : value), 2);
	return text.replace(rawInJson, char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
