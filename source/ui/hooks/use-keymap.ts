import {useCallback, useRef} from 'react';
import {useInput, type Key} from 'ink';
import {intentFor, type Intent} from '../keymap.js';

/**
 * Routes key presses to intents through the table in keymap.ts. The callback is read through a
 * ref, so the stdin listener is attached once and never re-attached: a key pressed in the very
 * tick a frame changed still reaches the current callback (listeners that come and go with
 * `isActive` would miss it, or worse, hand it to the previous mode's handlers).
 */
export type TextEntry = {
	/** Read at key time: while true, keys are text for `onText`, not intents. */
	active(): boolean;
	onText(input: string, key: Key): void;
};

export function useKeymap(onIntent: (intent: Intent) => void, options: {isActive?: boolean; text?: TextEntry} = {}): void {
	const current = useRef(onIntent);
	current.current = onIntent;
	const text = useRef(options.text);
	text.current = options.text;

	const onInput = useCallback((input: string, key: Key) => {
		if (text.current?.active()) {
			text.current.onText(input, key);
			return;
		}

		// Keys typed faster than stdin is read (or pasted) arrive as one chunk, "jp": each
		// character is its own key press, in order.
		const keys = input.length > 1 && !key.ctrl && !key.meta && !input.includes('\u001B') ? [...input] : [input];
		for (const single of keys) {
			const intent = intentFor(single, keys.length > 1 ? {...key, shift: single !== single.toLowerCase()} : key);
			if (intent) current.current(intent);
		}
	}, []);

	useInput(onInput, {isActive: options.isActive ?? true});
}
