import type {Key} from 'ink';

/**
 * The dashboard's keys as data (SPEC §5). useKeymap matches presses against this table; the
 * help overlay and the footer are generated from it, so a key documented is a key that works.
 */

export type Intent =
	| 'move-up'
	| 'move-down'
	| 'move-top'
	| 'move-bottom'
	| 'page-up'
	| 'page-down'
	| 'filter'
	| 'mark'
	| 'mark-all'
	| 'push'
	| 'push-all'
	| 'fetch'
	| 'fetch-all'
	| 'health'
	| 'health-all'
	| 'retry-queue'
	| 'toggle-dry-run'
	| 'choose-branch'
	| 'toggle-details'
	| 'toggle-log'
	| 'clear-marks'
	| 'toggle-help'
	| 'quit';

/** One way to press a key: a printable character, a named special key, or Ctrl+letter. */
export type Chord = {input: string} | {special: 'upArrow' | 'downArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape'} | {ctrl: string};

export type KeyBinding = {
	intent: Intent;
	chords: readonly Chord[];
	/** How the key is written in the help overlay and footer. */
	label: string;
	/** One word or two for the footer. */
	hint: string;
	/** One line for the help overlay. */
	description: string;
	/** Lower shows first in the footer when space is short; undefined keeps it out of the footer. */
	footerRank?: number;
};

export const keymap: readonly KeyBinding[] = [
	{intent: 'move-up', chords: [{special: 'upArrow'}, {input: 'k'}], label: '↑/k', hint: 'up', description: 'move up'},
	{intent: 'move-down', chords: [{special: 'downArrow'}, {input: 'j'}], label: '↓/j', hint: 'down', description: 'move down'},
	{intent: 'move-top', chords: [{input: 'g'}, {special: 'home'}], label: 'g/home', hint: 'top', description: 'first remote (in the log: oldest entry)'},
	{intent: 'move-bottom', chords: [{input: 'G'}, {special: 'end'}], label: 'G/end', hint: 'bottom', description: 'last remote (in the log: newest entry)'},
	{intent: 'page-up', chords: [{special: 'pageUp'}], label: 'pgup', hint: 'page up', description: 'one page up (remotes or log)'},
	{intent: 'page-down', chords: [{special: 'pageDown'}], label: 'pgdn', hint: 'page down', description: 'one page down (remotes or log)'},
	{intent: 'filter', chords: [{input: '/'}], label: '/', hint: 'filter', description: 'filter remotes by name (type, enter keeps, esc clears)', footerRank: 12},
	{intent: 'mark', chords: [{input: ' '}], label: 'space', hint: 'mark', description: 'mark / unmark the selected remote', footerRank: 4},
	{intent: 'mark-all', chords: [{input: 'a'}], label: 'a', hint: 'mark all', description: 'mark every remote shown (again: unmark them)', footerRank: 13},
	{intent: 'push', chords: [{input: 'p'}], label: 'p', hint: 'push', description: 'push the branch to the marked remotes, or the selected one when none is marked', footerRank: 1},
	{intent: 'push-all', chords: [{input: 'P'}], label: 'P', hint: 'push all', description: 'push the branch to every remote', footerRank: 2},
	{intent: 'fetch', chords: [{input: 'f'}], label: 'f', hint: 'fetch', description: 'fetch the marked remotes, or the selected one when none is marked', footerRank: 3},
	{intent: 'fetch-all', chords: [{input: 'F'}], label: 'F', hint: 'fetch all', description: 'fetch every remote', footerRank: 11},
	{intent: 'health', chords: [{input: 'h'}], label: 'h', hint: 'health', description: 'health check the marked remotes, or the selected one when none is marked', footerRank: 5},
	{intent: 'health-all', chords: [{input: 'H'}], label: 'H', hint: 'health all', description: 'health check every remote', footerRank: 14},
	{intent: 'retry-queue', chords: [{input: 'r'}], label: 'r', hint: 'retry queue', description: 'retry the pushes waiting in the offline queue', footerRank: 8},
	{intent: 'toggle-dry-run', chords: [{input: 'd'}], label: 'd', hint: 'dry-run', description: 'toggle dry-run: report what would happen, change nothing', footerRank: 7},
	{intent: 'choose-branch', chords: [{input: 'b'}], label: 'b', hint: 'branch', description: 'choose the branch to show and push', footerRank: 6},
	{intent: 'toggle-details', chords: [{special: 'return'}], label: 'enter', hint: 'details', description: 'show / hide the details of the selected remote', footerRank: 10},
	{intent: 'toggle-log', chords: [{input: '@'}], label: '@', hint: 'log', description: 'log of what ran: opens it and scrolls it (j/k, pgup/pgdn, g/G); again closes it', footerRank: 9},
	{intent: 'clear-marks', chords: [{special: 'escape'}], label: 'esc', hint: 'back', description: 'back: leave the log or the filter, else clear all marks'},
	{intent: 'toggle-help', chords: [{input: '?'}], label: '?', hint: 'help', description: 'show / hide this help', footerRank: 0},
	{intent: 'quit', chords: [{input: 'q'}, {ctrl: 'c'}], label: 'q', hint: 'quit', description: 'quit (asks while work is running; always disconnects VPNs we connected)', footerRank: 0},
];

function matches(chord: Chord, input: string, key: Key): boolean {
	if ('ctrl' in chord) return key.ctrl && input === chord.ctrl;
	if ('special' in chord) return key[chord.special];
	// A printable key with Ctrl or Meta held is a different key (Ctrl-P is not p).
	return !key.ctrl && !key.meta && input === chord.input;
}

export function intentFor(input: string, key: Key): Intent | undefined {
	return keymap.find((binding) => binding.chords.some((chord) => matches(chord, input, key)))?.intent;
}

const specialLabels = {upArrow: '↑', downArrow: '↓', pageUp: 'pgup', pageDown: 'pgdn', home: 'home', end: 'end', return: 'enter', escape: 'esc'} as const;

/** Every way to press a binding, for the help overlay: "q / ctrl-c", "↑ / k". */
export function chordsLabel(binding: KeyBinding): string {
	return binding.chords
		.map((chord) => {
			if ('ctrl' in chord) return `ctrl-${chord.ctrl}`;
			if ('special' in chord) return specialLabels[chord.special];
			return chord.input === ' ' ? 'space' : chord.input;
		})
		.join(' / ');
}

/** The README's keys table, generated here so the README cannot disagree with the program. */
export function keysMarkdownTable(): string {
	const cell = (text: string) => text.replaceAll('|', '\\|');
	const rows = keymap.map((binding) => {
		const chords = chordsLabel(binding)
			.split(' / ')
			.map((label) => `\`${label}\``)
			.join(' ');
		return `| ${cell(chords)} | ${cell(binding.description)} |`;
	});
	return ['| key | does |', '|---|---|', ...rows].join('\n');
}
