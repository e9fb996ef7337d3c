import {useCallback, useRef} from 'react';
import {useInput} from 'ink';
import {intentFor, type Intent} from '../keymap.js';

export type IntentHandlers = Partial<Record<Intent, () => void>>;

/**
 * Routes key presses to intents through the table in keymap.ts. Handlers are read through a
 * ref so passing a fresh object each render does not re-attach the stdin listener.
 */
export function useKeymap(handlers: IntentHandlers, options: {isActive?: boolean} = {}): void {
	const current = useRef(handlers);
	current.current = handlers;

	const onInput = useCallback((input: string, key: Parameters<typeof intentFor>[1]) => {
		const intent = intentFor(input, key);
		if (intent) current.current[intent]?.();
	}, []);

	useInput(onInput, {isActive: options.isActive ?? true});
}
