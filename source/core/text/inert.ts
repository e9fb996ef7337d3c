import ansiRegex from 'ansi-regex';

/**
 * Text from outside (git, a remote's hook, a VPN command, branch and remote names, URLs)
 * made inert: it can say words, never drive a terminal. Pure string work, no terminal here.
 *
 * - Escape sequences go whole: CSI, OSC (window title, OSC 52 clipboard), DCS, SOS/PM/APC,
 *   two-byte escapes, and their 8-bit C1 forms (U+009B …) — ansi-regex knows their grammar.
 * - What is left of a broken or unterminated sequence, and every other C0/C1 control
 *   character and DEL, is dropped: the words stay, the introducer goes.
 * - Bidi overrides/isolates and other invisible format characters are shown as `<U+202E>`:
 *   dropping them would hide that a name was built to look like another.
 * - `\r\n` and a lone `\r` (progress redraws) become `\n` in multi-line text; in one-line text
 *   (names, messages) line breaks and tabs become spaces.
 */

export type InertOptions = {
	/** Keep `\n` (and `\t`): git output, a hook's lines, a VPN command's output. */
	multiline?: boolean;
};

const escapeSequences = ansiRegex();
// C0 except \t and \n, DEL, and C1 (U+0080–U+009F): after the sequences, any that remain.
const controls = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
// Invisible characters that reorder or hide text: ALM, zero-width space/joiners, LRM/RLM,
// bidi embeddings/overrides (U+202A–U+202E), word joiner and invisible operators,
// bidi isolates (U+2066–U+2069) and deprecated format characters, BOM/ZWNBSP.
export const invisibleCharacters = String.raw`\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF`;
const invisible = new RegExp(`[${invisibleCharacters}]`, 'g');

function shownEscaped(char: string): string {
	return `<U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`;
}

export function inertText(text: string, options: InertOptions = {}): string {
	const bare = text.replace(escapeSequences, '').replace(/\r\n?/g, '\n');
	const lines = options.multiline ? bare : bare.replace(/[\n\t]/g, ' ');
	return lines.replace(controls, '').replace(invisible, shownEscaped);
}

