/** Small formatting helpers shared by the text reporter (and usable by the dashboard). */
export function shortSha(sha: string | undefined): string {
	return sha ? sha.slice(0, 8) : '—';
}

export function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(2)}s`;
}

export function plural(count: number, word: string): string {
	return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function age(iso: string | undefined, now = Date.now()): string {
	if (!iso) return 'never fetched';
	const ms = Math.max(0, now - Date.parse(iso));
	if (ms < 60_000) return `${Math.round(ms / 1000)}s ago`;
	if (ms < 3_600_000) return `${Math.round(ms / 60_000)}m ago`;
	if (ms < 86_400_000) return `${Math.round(ms / 3_600_000)}h ago`;
	return `${Math.round(ms / 86_400_000)}d ago`;
}
