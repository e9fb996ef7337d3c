import {describe, expect, it} from 'vitest';
import {isStaleLease, outcomeFor, parsePorcelain, rejectionClass} from '../../../source/core/push/porcelain.js';

// Outputs captured from git 2.39 `git push --porcelain`.
describe('git push --porcelain', () => {
	it('reads the target, every ref and Done', () => {
		const report = parsePorcelain('To ../b.git\n*\tHEAD:refs/heads/main\t[new branch]\n=\tHEAD:refs/heads/dev\t[up to date]\nDone\n');
		expect(report).toEqual({
			url: '../b.git',
			done: true,
			refs: [
				{kind: 'new', from: 'HEAD', to: 'refs/heads/main', summary: '[new branch]'},
				{kind: 'up-to-date', from: 'HEAD', to: 'refs/heads/dev', summary: '[up to date]'},
			],
		});
	});

	it.each([
		[' \tHEAD:refs/heads/data\td9388d4..79ba718', {kind: 'fast-forward', from: 'HEAD', to: 'refs/heads/data', summary: 'd9388d4..79ba718'}],
		['+\tHEAD:refs/heads/main\t928f9c2...73a6aca (forced update)', {kind: 'forced', from: 'HEAD', to: 'refs/heads/main', summary: '928f9c2...73a6aca', reason: 'forced update'}],
		['-\t:refs/heads/x\t[deleted]', {kind: 'deleted', from: '', to: 'refs/heads/x', summary: '[deleted]'}],
		['!\tHEAD:refs/heads/main\t[rejected] (non-fast-forward)', {kind: 'rejected', from: 'HEAD', to: 'refs/heads/main', summary: '[rejected]', reason: 'non-fast-forward'}],
		['!\tHEAD:refs/heads/main\t[rejected] (fetch first)', {kind: 'rejected', from: 'HEAD', to: 'refs/heads/main', summary: '[rejected]', reason: 'fetch first'}],
		['!\tHEAD:refs/heads/main\t[rejected] (stale info)', {kind: 'rejected', from: 'HEAD', to: 'refs/heads/main', summary: '[rejected]', reason: 'stale info'}],
		[
			`!\t${'c'.repeat(40)}:refs/heads/main\t[remote rejected] (pre-receive hook declined)`,
			{kind: 'rejected', from: 'c'.repeat(40), to: 'refs/heads/main', summary: '[remote rejected]', reason: 'pre-receive hook declined'},
		],
	])('%j', (line, outcome) => {
		expect(parsePorcelain(`To origin\n${line}\nDone\n`).refs).toEqual([outcome]);
	});

	it('finds the outcome of our ref among others (followTags may add some)', () => {
		const report = parsePorcelain('To o\n*\trefs/tags/v1:refs/tags/v1\t[new tag]\n \tHEAD:refs/heads/main\ta..b\nDone\n');
		expect(outcomeFor(report, 'refs/heads/main')?.kind).toBe('fast-forward');
		expect(outcomeFor(report, 'refs/heads/dev')).toBeUndefined();
	});

	it('no ref lines when git never reached the remote', () => {
		expect(parsePorcelain('')).toEqual({refs: [], done: false});
	});

	it('classes rejections: hooks apart, lease failures recognisable', () => {
		const [hook, stale, nonFf, updateHook] = parsePorcelain(
			[
				'!\tHEAD:refs/heads/a\t[remote rejected] (pre-receive hook declined)',
				'!\tHEAD:refs/heads/b\t[rejected] (stale info)',
				'!\tHEAD:refs/heads/c\t[rejected] (non-fast-forward)',
				'!\tHEAD:refs/heads/d\t[remote rejected] (hook declined)',
			].join('\n'),
		).refs;
		expect([hook, stale, nonFf, updateHook].map(o => rejectionClass(o!))).toEqual(['hook-failed', 'rejected', 'rejected', 'hook-failed']);
		expect([hook, stale, nonFf].map(o => isStaleLease(o!))).toEqual([false, true, false]);
	});
});
