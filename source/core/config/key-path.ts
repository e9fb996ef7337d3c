/**
 * Key paths as users write them: `remotes.origin.retry`, `remotes.origin.branches[0]`.
 * Remote names may hold dots, so a segment that is not a plain word is quoted:
 * `remotes["my.mirror"].retry`.
 */

export function formatKeyPath(path: readonly PropertyKey[]): string {
	let text = '';
	for (const segment of path) {
		if (typeof segment === 'number') text += `[${segment}]`;
		else if (typeof segment === 'string' && /^[\w$-]+$/.test(segment)) text += text === '' ? segment : `.${segment}`;
		else text += `[${JSON.stringify(String(segment))}]`;
	}

	return text === '' ? 'top level' : text;
}

/** A value as shown after "got": short, one line. */
export function describeValue(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'number' && !Number.isFinite(value)) return 'a number too large';
	if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
	return String(value);
}

/** The value found at `path` inside parsed JSON, or undefined. */
export function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
	let current = data;
	for (const segment of path) {
		if (typeof current !== 'object' || current === null) return undefined;
		current = (current as Record<PropertyKey, unknown>)[segment];
	}

	return current;
}
