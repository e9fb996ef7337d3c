import {describe, expect, it} from 'vitest';
import {runGit} from '../../../source/core/git/runner.js';
import {isolateProductGit} from '../../harness/product-env.js';
import {commit, git, makeRepo} from '../../harness/index.js';

/** What the runner hands back from git's pipes (core/git/child.ts): all of it, or a failure. */
isolateProductGit();

describe('runGit output', () => {
	it('gives stdin its input and returns stdout whole, final newline kept', async () => {
		const repo = makeRepo();
		commit(repo, 'second');
		const tips = git(repo, 'rev-list', 'main').split('\n');
		const out = await runGit({args: ['rev-list', '--no-walk', '--stdin'], cwd: repo, input: `${tips.join('\n')}\n`});
		expect(out.exitCode).toBe(0);
		expect(out.stdout).toBe(`${tips.join('\n')}\n`);
	});

	it('output past maxBuffer is cut and the run is no success (exit code null), never a silent half answer', async () => {
		const repo = makeRepo();
		// 4 × 41 bytes of output for 64 allowed.
		const out = await runGit({args: ['log', '--format=%H%n%H%n%H%n%H', 'main'], cwd: repo, maxBuffer: 64});
		expect(out.exitCode).toBeNull();
		expect(out.stdout.length).toBeLessThanOrEqual(64);
	});

	it('a program that is not there is GitNotFoundError', async () => {
		const repo = makeRepo();
		const before = process.env.PATH;
		process.env.PATH = '/nonexistent';
		try {
			await expect(runGit({args: ['version'], cwd: repo})).rejects.toMatchObject({name: 'GitNotFoundError'});
		} finally {
			process.env.PATH = before;
		}
	});
});
