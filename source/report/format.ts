/**
 * The one place durations, ages and short shas are formatted, for the headless text and the
 * dashboard alike (ui/format.ts re-exports these), so both say "1.2s" and "a1b2c3d" for the
 * same thing. Cuts to a width of terminal cells are in cell-width.ts.
 */

/** Git's own default abbreviation, 7 hex digits; "-" when there is no sha. */
export function shortSha(sha: string | undefined): string {
	return sha === undefined || sha === '' ? '-' : sha.slice(0, 7);
}

export function formatDuration(ms: number): string {
	if (ms < 1000) return `${Math.round(ms)}ms`;
	if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
	const minutes = Math.floor(ms / 60_000);
	return `${minutes}m${Math.floor((ms % 60_000) / 1000)}s`;
}

/** "12s ago", "3m ago", "2h ago", "4d ago": how old a state is. */
export function formatAge(ms: number): string {
	const seconds = Math.max(0, Math.floor(ms / 1000));
	if (seconds < 60) return `${seconds}s ago`;
	if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
	if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h ago`;
	return `${Math.floor(seconds / 86_400)}d ago`;
}

/** The age of an ISO time, or "never fetched". */
export function age(iso: string | undefined, now = Date.now()): string {
	return iso ? formatAge(now - Date.parse(iso)) : 'never fetched';
}

export function plural(count: number, word: string): string {
	return `${count} ${word}${count === 1 ? '' : 's'}`;
}
