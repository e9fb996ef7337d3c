import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {branchNameProblem} from '../../../source/core/git/branch-name.js';
import {gitEnv, makeBare} from '../../harness/index.js';
import {seededRandom} from '../../harness/random.js';

/**
 * branchNameProblem against git itself: every name of a hostile corpus, and random names
 * built from the characters git's rules are about, must be accepted exactly when
 * `git check-ref-format --branch` accepts it. Ours is stricter on one name only: `@`
 * (git takes it, but to a reader it is HEAD).
 */

function gitAccepts(repo: string, name: string): boolean {
	if (name.includes('\0')) return false; // argv cannot carry NUL; git could never see such a name.
	return spawnSync('git', ['check-ref-format', '--branch', name], {cwd: repo, env: gitEnv()}).status === 0;
}

const corpus = [
	'main', 'master', 'release/1.0', 'feature/x-y_z', 'é-ü', 'a{b}', 'a,b', 'a@b', 'a.b', 'a/b.c',
	'', '-x', '--upload-pack=evil', 'a:b', 'main:refs/heads/x', 'a b', 'a\tb', 'a\nb', 'a\u0007b', 'a\u007fb',
	'a~1', 'a^', 'a?', 'a*', 'refs/heads/*', 'a[b', 'a\\b', 'a..b', '..', '.hidden', 'a/.b', 'a.lock', 'a.lock/b',
	'a/b.lock', 'a/', '/a', 'a//b', 'a.', '@{-1}', 'a@{u}', 'HEAD', '@', '+main', '^main', 'a\u0000b',
];

describe('branch names (git check-ref-format --branch)', () => {
	it('accepts exactly what git accepts on a hostile corpus', () => {
		const repo = makeBare();
		for (const name of corpus) {
			const expected = name !== '@' && gitAccepts(repo, name);
			expect(branchNameProblem(name) === undefined, JSON.stringify(name)).toBe(expected);
		}
	});

	it('agrees with git on random names made of the characters the rules are about', () => {
		const repo = makeBare();
		const next = seededRandom(0xb4a2c4);
		const alphabet = ['a', 'b', '/', '.', '-', '@', '{', '}', 'lock', ':', ' ', '~', '^', '?', '*', '[', '\\', '\u0001', 'é', 'HEAD'];
		for (let n = 0; n < 400; n++) {
			const length = 1 + Math.floor(next() * 6);
			let name = '';
			for (let i = 0; i < length; i++) name += alphabet[Math.floor(next() * alphabet.length)];
			const expected = name !== '@' && gitAccepts(repo, name);
			expect(branchNameProblem(name) === undefined, JSON.stringify(name)).toBe(expected);
		}
	});

	it('says what is wrong', () => {
		expect(branchNameProblem('a:b')).toBe('it holds ":"');
		expect(branchNameProblem('-x')).toBe('it begins with "-"');
		expect(branchNameProblem('x.lock')).toBe('a part of it ends with ".lock"');
	});
});
