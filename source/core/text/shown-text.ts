import {redact} from '../git/redact.js';
import {boundedLines} from './bounded.js';
import {inertText, type InertOptions} from './inert.js';

/**
 * The one function every output applies to text before it is shown or stored: the text
 * reporter, JSON, the dashboard, the queue file and the log. Inert first (an escape sequence
 * in the middle of a token must not hide it from redaction), then redacted.
 */
export function shownText(text: string, options: InertOptions = {}): string {
	return redact(inertText(text, options));
}

/**
 * Output of a foreign program (git's stderr, a remote's hook, a VPN command) as it enters the
 * model: inert, redacted, and bounded in lines and line length.
 */
export function foreignOutput(text: string): string {
	return boundedLines(shownText(text, {multiline: true}));
}
