import type {TagStatus} from '../core/model.js';

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

/** "main → master" when branch_map gives the branch another name on the remote, else "main". */
export function branchPair(branch: string, remoteBranch: string | undefined): string {
	return remoteBranch === undefined || remoteBranch === branch ? branch : `${branch} → ${remoteBranch}`;
}

export function plural(count: number, word: string): string {
	return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** A remote's tags in words, for the text status and the dashboard alike: "2 tags to push · v1 differs (kept)". */
export function describeTags(tags: TagStatus | undefined): string {
	if (tags === undefined) return 'tags never looked at (fetch to see them)';
	if (tags.missing === 0 && tags.differ.length === 0) return 'tags in sync';
	const parts: string[] = [];
	if (tags.missing > 0) parts.push(`${plural(tags.missing, 'tag')} to push`);
	if (tags.differ.length > 0) {
		const names = tags.differ.slice(0, 5).join(', ') + (tags.differ.length > 5 ? ` and ${tags.differ.length - 5} more` : '');
		parts.push(`${names} ${tags.differ.length === 1 ? 'points' : 'point'} elsewhere there (never overwritten)`);
	}

	return parts.join(' · ');
}

/** The row's short form: "tags +2 ≠1" (2 to push, 1 elsewhere there), "" when in sync or never looked at. */
export function tagsCell(tags: TagStatus | undefined): string {
	if (tags === undefined || (tags.missing === 0 && tags.differ.length === 0)) return '';
	return ['tags', tags.missing > 0 ? `+${tags.missing}` : '', tags.differ.length > 0 ? `≠${tags.differ.length}` : ''].filter(Boolean).join(' ');
}
