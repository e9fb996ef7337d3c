import picomatch from 'picomatch';

/**
 * Which branches a remote takes (`remotes.<name>.branches`, SPEC §2).
 *
 * Globs behave like git refspec globs, which is what users of the old tool wrote them
 * for: `*` matches across `/` (`release/*` takes `release/1.0/x`, `feature*` takes
 * `feature/x`). `?` matches one character other than `/`, `[abc]`, `[a-z]` and the
 * negated `[!a-z]`/`[^a-z]` work, `{a,b}` is an alternative. An entry starting with `!`
 * excludes, and exclusions win over any inclusion regardless of order. An empty list
 * takes nothing; a list of exclusions only (`["!wip/*"]`) takes every other branch, as
 * micromatch and .gitignore-style lists do.
 *
 * git forbids `*`, `?`, `[` and `\` in branch names, so no pattern ever needs to match
 * them literally.
 */

// bash: a single `*` crosses `/`; noextglob: `+(`, `@(` are ordinary characters in names;
// nonegate: we handle `!` ourselves so that exclusions win.
const options: picomatch.PicomatchOptions = {bash: true, dot: true, noextglob: true, nonegate: true};

type Matcher = (branch: string) => boolean;
const cache = new Map<string, Matcher>();

function matcherFor(pattern: string): Matcher {
	let matcher = cache.get(pattern);
	if (!matcher) {
		// picomatch reads `[!...]` as a class containing "!"; shells and git mean negation.
		matcher = picomatch(pattern.replaceAll('[!', '[^'), options);
		cache.set(pattern, matcher);
	}

	return matcher;
}

export function takesBranch(patterns: readonly string[], branch: string): boolean {
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
			if (matcherFor(excluded)(branch)) return false;
		} else {
			anyInclusion = true;
			if (!included && matcherFor(pattern)(branch)) included = true;
		}
	}

	return included || (!anyInclusion && anyExclusion);
}
