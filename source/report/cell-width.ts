import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';

/**
 * Cuts to a width of terminal cells (string-width: a wide character takes two), for the
 * dashboard. Its own module because string-width builds its Unicode tables (Intl.Segmenter,
 * the RGI emoji set: ~40 ms of CPU) when loaded, and the headless reports never cut.
 */

/** Cut to `width` terminal cells, marking the cut with an ellipsis. */
export function truncate(text: string, width: number): string {
	if (stringWidth(text) <= width) return text;
	return width <= 0 ? '' : cliTruncate(text, width, {position: 'end'});
}
