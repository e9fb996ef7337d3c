import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {addBareRemote, commit, git, makeRepo, tempDir} from '../harness/index.js';
import {pushFromElsewhere} from '../core/push/helpers.js';
import {runIn} from '../setup/hook-helpers.js';
import {parseJson, runCli} from './run-cli.js';

/**
 * SPEC §4 lease, end to end: a teammate's commit on the remote that the user never
 * integrated survives every way the program can be asked to force, headless and by hook.
 * The policy lives in the user's own config (a repository file may not loosen it).
 */
function teammatePushedOnTop(policy: 'warn' | 'allow') {
	const repo = makeRepo();
	const bare = addBareRemote(repo, 'origin');
	commit(repo, 'mine');
	git(repo, 'push', '-q', 'origin', 'main');
	const theirs = pushFromElsewhere(bare, 'teammate work');
	const xdg = tempDir('rst-lease-xdg-');
	mkdirSync(path.join(xdg, 'remote-sync'));
	writeFileSync(path.join(xdg, 'remote-sync', 'config.json'), JSON.stringify({remotes: {origin: {force_push: policy, retry: 0}}}));
	const env = {XDG_CONFIG_HOME: xdg};
	const amend = () => git(repo, 'commit', '-q', '--amend', '-m', 'mine, amended');
	return {repo, bare, theirs, env, amend};
}

const forcing = [
	['warn', ['--push', '--force']],
	['allow', ['--push']],
] as const;

describe.each(forcing)('force_push %s, remote-sync %s', (policy, args) => {
	it.each([
		['no fetch since', []],
		['after remote-sync --fetch', [['--fetch']]],
		['after auto_fetch (remote-sync --status)', [['--status']]],
	] as const)("%s: rejected, the teammate's commit stays on the remote", async (_label, before) => {
		const {repo, bare, theirs, env, amend} = teammatePushedOnTop(policy);
		amend();
		for (const step of before) expect((await runCli([...step], {cwd: repo, env})).exitCode).not.toBe(2);

		const dry = parseJson(await runCli([...args, '--dry-run', '--json'], {cwd: repo, env}));
		expect(dry.results).toMatchObject([{remote: 'origin', status: 'rejected'}]);
		const run = await runCli([...args], {cwd: repo, env});

		expect(run.exitCode).toBe(1);
		expect(run.stderr).toMatch(/origin\/main rejected: .*fetch and review first/);
		expect(git(bare, 'rev-parse', 'main')).toBe(theirs);
	});

	it("after the user's own git fetch: rejected, naming the commit never integrated", async () => {
		const {repo, bare, theirs, env, amend} = teammatePushedOnTop(policy);
		amend();
		git(repo, 'fetch', '-q', 'origin');
		const run = await runCli([...args, '--json'], {cwd: repo, env});
		expect(run.exitCode).toBe(1);
		expect(parseJson(run).results[0].error).toContain(`${theirs.slice(0, 7)} teammate work`);
		expect(git(bare, 'rev-parse', 'main')).toBe(theirs);
	});

	it('after integrating it (rebase onto it, then reword it): forced, as the user meant', async () => {
		const {repo, bare, env} = teammatePushedOnTop(policy);
		git(repo, 'pull', '-q', '--rebase', 'origin', 'main');
		git(repo, 'commit', '-q', '--amend', '--allow-empty', '-m', 'teammate work, reworded');
		const run = await runCli([...args], {cwd: repo, env});
		expect(run.exitCode).toBe(0);
		expect(git(bare, 'rev-parse', 'main')).toBe(git(repo, 'rev-parse', 'main'));
	});
});

describe('force_push allow + the post-commit hook', () => {
	it("git commit --amend does not silently destroy the teammate's commit", async () => {
		const {repo, bare, theirs, env} = teammatePushedOnTop('allow');
		expect((await runCli(['install-hook', '--post-commit'], {cwd: repo, env})).exitCode).toBe(0);

		const amended = runIn(repo, 'git', ['commit', '-q', '--amend', '-m', 'mine, amended'], {env});

		expect(amended.status).toBe(0);
		// The hook ran a real push, and it said why it did not force.
		expect(amended.stderr).toMatch(/origin\/main rejected: .*fetch and review first/);
		expect(git(bare, 'rev-parse', 'main')).toBe(theirs);
	});
});
