import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {globToRegExp, takesBranch} from '../../source/core/branch-filter.js';

describe('remote branches filter (SPEC §2 `branches`)', () => {
	const cases: Array<[patterns: string[], branch: string, takes: boolean]> = [
		// `*` crosses `/` like git refspec globs.
		[['*'], 'main', true],
		[['*'], 'release/1.0/x', true],
		[['release/*'], 'release/1.0/x', true],
		[['release/*'], 'release', false],
		[['release/*'], 'hotfix/1', false],
		[['feature*'], 'feature/x', true],
		[['feature*'], 'feature-y', true],
		[['*/fix'], 'team/a/fix', true],
		// exact names
		[['main'], 'main', true],
		[['main'], 'main2', false],
		[['mai'], 'main', false],
		[['main'], 'Main', false],
		// `?` is one character, `/` included (Python's fnmatch, which the old tool used)
		[['v?'], 'v1', true],
		[['v?'], 'v10', false],
		[['a?b'], 'a/b', true],
		[['release?1'], 'release/1', true],
		// classes and negated classes; `[^...]` is a class holding `^`, as in fnmatch
		[['v[0-9]'], 'v3', true],
		[['v[0-9]'], 'va', false],
		[['v[!0-9]'], 'va', true],
		[['v[!0-9]'], 'v3', false],
		[['v[^0-9]'], 'va', false],
		[['v[^0-9]'], 'v3', true],
		[['v[0-9'], 'v[0-9', true],
		// braces do not expand: the literal name
		[['{main,develop}'], 'develop', false],
		[['{main,develop}'], '{main,develop}', true],
		// characters that are extglob syntax elsewhere are plain in branch names
		[['fix+(x)'], 'fix+(x)', true],
		[['fix+(x)'], 'fixx', false],
		// several inclusions: any one takes it
		[['main', 'release/*'], 'release/2', true],
		[['main', 'release/*'], 'dev', false],
		// exclusions win, in any order
		[['*', '!wip/*'], 'wip/a/b', false],
		[['!wip/*', '*'], 'wip/a', false],
		[['*', '!wip/*'], 'main', true],
		[['release/*', '!release/old*'], 'release/old-1', false],
		[['release/*', '!release/old*'], 'release/new', true],
		// exclusions only: every other branch
		[['!wip/*'], 'main', true],
		[['!wip/*'], 'wip/x', false],
		// empty list, blank entries and a bare "!" take nothing
		[[], 'main', false],
		[[''], 'main', false],
		[['!'], 'main', false],
		[['  main  '], 'main', true],
	];

	it.each(cases)('%j takes %s: %s', (patterns, branch, takes) => {
		expect(takesBranch(patterns, branch)).toBe(takes);
	});

	it('agrees with Python fnmatch.fnmatchcase on 1500 random patterns and names (fixtures/fnmatch-corpus.py)', () => {
		const corpus = JSON.parse(readFileSync(new URL('fixtures/fnmatch-corpus.json', import.meta.url), 'utf8')) as Array<[string, string, boolean]>;
		expect(corpus.length).toBeGreaterThan(1000);
		const disagreements = corpus.filter(([pattern, name, matches]) => globToRegExp(pattern).test(name) !== matches);
		expect(disagreements).toEqual([]);
	});
});
