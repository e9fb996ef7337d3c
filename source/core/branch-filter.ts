/**
 * Which branches a remote takes (`remotes.<name>.branches`, SPEC §2).
 *
 * Each glob means what it meant to the old tool, which matched with Python's
 * `fnmatch.fnmatchcase`, because old configs depend on it:
 * - `*` matches any run of characters, `/` included (`release/*` takes `release/1.0/x`,
 *   `feature*` takes `feature/x`); `?` matches exactly one character, `/` included;
 * - `[abc]`, `[a-z]` match one of the characters, `[!a-z]` one that is not; as in fnmatch,
 *   `[^a]` is the class of `^` and `a`, and a `[` with no closing `]` is literal;
 * - braces do NOT expand: `{main,dev}` is the literal name (git allows `{`, `,`, `}` in names);
 * - case matters; nothing else is special.
 * Ours, not fnmatch's: an entry starting with `!` excludes, and exclusions win over any
 * inclusion regardless of order. An empty list takes nothing; a list of exclusions only
 * (`["!wip/*"]`) takes every branch the exclusions do not match. Blank entries and a bare
 * `!` are ignored; surrounding spaces are trimmed (git forbids spaces in branch names).
 */

type Matcher = (branch: string) => boolean;
const cache = new Map<string, Matcher>();

/** fnmatch.translate, for JavaScript: the whole name must match. */
export function globToRegExp(pattern: string): RegExp {
	let out = '';
	let i = 0;
	while (i < pattern.length) {
		const c = pattern[i++]!;
		if (c === '*') {
			out += '[\\s\\S]*';
			while (pattern[i] === '*') i++;
		} else if (c === '?') out += '[\\s\\S]';
		else if (c === '[') {
			let j = i;
			if (pattern[j] === '!') j++;
			if (pattern[j] === ']') j++;
			while (j < pattern.length && pattern[j] !== ']') j++;
			if (j >= pattern.length) out += '\\[';
			else {
				out += characterClass(pattern.slice(i, j));
				i = j + 1;
			}
		} else out += c.replace(/[\\^$.|?*+()[\]{}/]/g, '\\$&');
	}

	return new RegExp(`^(?:${out})$`, 'u');
}

/** The inside of `[...]`: ranges kept (an empty one like `z-a` drops out, as in fnmatch), everything else literal. */
function characterClass(body: string): string {
	const negated = body.startsWith('!');
	const chars = [...(negated ? body.slice(1) : body)];
	const escape = (ch: string) => (/[\\\]^[-]/.test(ch) ? `\\${ch}` : ch);
	let members = '';
	for (let k = 0; k < chars.length; k++) {
		const [low, dash, high] = [chars[k]!, chars[k + 1], chars[k + 2]];
		if (dash === '-' && high !== undefined) {
			if (low.codePointAt(0)! <= high.codePointAt(0)!) members += `${escape(low)}-${escape(high)}`;
			k += 2;
		} else members += escape(low);
	}

	if (members.length === 0) return negated ? '[\\s\\S]' : '(?!)';
	return `[${negated ? '^' : ''}${members}]`;
}

function matcherFor(pattern: string): Matcher {
	let matcher = cache.get(pattern);
	if (!matcher) {
		const regex = globToRegExp(pattern);
		matcher = branch => regex.test(branch);
		cache.set(pattern, matcher);
	}

	return matcher;
}

/**
 * Whether `patterns` take a branch. A branch known by several names (its local name and its
 * name on the remote, branch-map.ts) is excluded when an exclusion matches any of them, and
 * included when an inclusion matches any of them.
 */
export function takesBranch(patterns: readonly string[], branch: string | readonly string[]): boolean {
	const names = typeof branch === 'string' ? [branch] : branch;
	let included = false;
	let anyInclusion = false;
	let anyExclusion = false;
	for (const raw of patterns) {
		const pattern = raw.trim();
		if (pattern.length === 0) continue;
		if (pattern.startsWith('!')) {
			const excluded = pattern.slice(1);
			if (excluded.length === 0) continue;
			anyExclusion = true;
			if (names.some(matcherFor(excluded))) return false;
		} else {
			anyInclusion = true;
			if (!included && names.some(matcherFor(pattern))) included = true;
		}
	}

	return included || (!anyInclusion && anyExclusion);
}
