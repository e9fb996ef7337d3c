import {existsSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseJson, runCli} from '../cli/run-cli.js';
import {commit, git, makeBare, makeRepo, tempDir} from '../harness/index.js';
import {expectCleanEnd, stackTrace, writeRepoConfig} from '../reliability/support.js';

/**
 * SPEC §4: "Names that begin with `-` never become options", and git runs without a shell.
 * git itself lets a remote be called `--upload-pack=<command>` (`git remote add -- ...`) and
 * a branch be called `-f`, `$(...)` or `;...` (`git update-ref`). Each such name must reach git
 * as a name: a canary file the command would create must never appear, and the pushes must
 * land under exactly those names. (The config `url` side is covered by the broken-config
 * corpus: a url starting with "-" is refused.)
 */

type OperationJson = {results: Array<{remote: string; branch: string; status: string}>};

describe('hostile remote and branch names that git allows', () => {
	it('reach git as names in every action: nothing runs, every push lands where it should', async () => {
		const canaryDir = tempDir('rst-canary-');
		const canary = path.join(canaryDir, 'pwned');
		const repo = makeRepo();
		// `${IFS}` is a space once a shell expands it: git rejects real spaces in remote names.
		const run = `touch\${IFS}${canary}`;
		const remotes = {
			[`--upload-pack=${run};git-upload-pack`]: makeBare(),
			[`--receive-pack=${run};git-receive-pack`]: makeBare(),
			[`-oProxyCommand=${run}`]: makeBare(),
			'--dry-run': makeBare(),
		};
		for (const [name, bare] of Object.entries(remotes)) git(repo, 'remote', 'add', '--', name, bare);
		const branches = ['-f', '--force', `$(${run})`, `;${run}`, `\`${run}\``, '--upload-pack=x', 'ünïcødé'];
		for (const branch of branches) git(repo, 'update-ref', `refs/heads/${branch}`, 'HEAD');
		writeRepoConfig(repo, {max_workers: 2});
		const sha = commit(repo, 'hostile names');

		for (const args of [['--health-check', '--json'], ['--status', '--json'], ['--fetch', '--json'], ['--push-all', '--json'], ['--push', '--branch=-f', '--json']]) {
			const result = await runCli(args, {cwd: repo, timeoutMs: 45_000});
			expectCleanEnd(result, args.join(' '));
			expect(existsSync(canary), `${args.join(' ')} ran a command hidden in a name`).toBe(false);
			expect(result.exitCode, `${args.join(' ')}\n${result.stdout}\n${result.stderr}`).toBe(0);
			if (args[0] === '--push-all') {
				const pushed = parseJson<OperationJson>(result).results.filter(entry => entry.status === 'pushed');
				expect(pushed).toHaveLength(Object.keys(remotes).length * (branches.length + 1));
			}
		}

		for (const [name, bare] of Object.entries(remotes)) {
			expect(git(bare, 'rev-parse', 'refs/heads/main'), name).toBe(sha);
			for (const branch of branches) expect(git(bare, 'rev-parse', `refs/heads/${branch}`), `${name} ${branch}`).toBe(git(repo, 'rev-parse', `refs/heads/${branch}`));
		}

		expect(readdirSync(canaryDir)).toEqual([]);
	});

	it.each([
		[['--push', '--remote', '--upload-pack=touch /tmp/x'], 'unknown remote'],
		[['--push', '--branch', 'main:refs/heads/other'], 'main:refs/heads/other'],
		[['--push', '--branch', '../../etc'], '../../etc'],
		[['--push', '--group', '$(touch /tmp/x)'], 'unknown group'],
		[['--status', '--config', '$(touch /tmp/x).json'], 'file not found'],
	])('a hostile argument %j is refused or skipped clearly, never run', async (args, fragment) => {
		const canaryDir = tempDir('rst-canary-');
		const repo = makeRepo();
		const bare = makeBare();
		git(repo, 'remote', 'add', 'origin', bare);
		const result = await runCli(args.map(arg => arg.replace('/tmp/x', path.join(canaryDir, 'x'))), {cwd: repo});
		expect([0, 2], result.stderr).toContain(result.exitCode);
		expect(`${result.stdout}${result.stderr}`).toContain(fragment);
		expect(result.stderr).not.toMatch(stackTrace);
		expect(readdirSync(canaryDir)).toEqual([]);
		// Nothing reached the remote under a name nobody asked for.
		expect(git(bare, 'for-each-ref', '--format=%(refname)')).toBe('');
	});
});
