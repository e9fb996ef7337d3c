import {describe, expect, it} from 'vitest';
import {addBareRemote, commit, git, makeRepo, startRefusingPort} from '../harness/index.js';
import {pushFromElsewhere, refsOf} from '../core/push/helpers.js';
import {parseJson, runCli} from './run-cli.js';

/** SPEC §6: exit codes that tell the truth (signals: signals.test.ts, e2e/exit-codes.test.ts). */

describe('--branch naming no local branch is a usage error', () => {
	it.each([{action: ['--push']}, {action: ['--status']}, {action: []}])('$action --branch mian: exit 2, one line with a did-you-mean, nothing pushed', async ({action}) => {
		const repo = makeRepo();
		const bare = addBareRemote(repo, 'origin');
		git(repo, 'branch', 'feature');
		commit(repo, 'unpushed');
		const before = refsOf(bare);

		const run = await runCli([...action, '--branch', 'mian'], {cwd: repo});

		expect(run.exitCode).toBe(2);
		expect(run.stderr.trim().split('\n')).toHaveLength(1);
		expect(run.stderr).toMatch(/--branch "mian" names no local branch; did you mean "main"\? — pass one of: feature, main/);
		expect(run.stdout).toBe('');
		expect(refsOf(bare)).toBe(before);
	});

	it('a name nothing is close to still lists the branches to choose from', async () => {
		const repo = makeRepo();
		const run = await runCli(['--push', '--branch', 'release/2030', '--json'], {cwd: repo});
		expect(run.exitCode).toBe(2);
		expect(run.stderr).toMatch(/--branch "release\/2030" names no local branch — pass one of: main/);
	});
});

describe('--fetch --dry-run probes, and never calls an unreached remote fetched', () => {
	it('a dead remote is failed (exit 1), a live one "would fetch"; no tracking ref moves', async () => {
		const repo = makeRepo();
		const bare = addBareRemote(repo, 'live');
		pushFromElsewhere(bare, 'new on the remote');
		const dead = await startRefusingPort();
		git(repo, 'remote', 'add', 'dead', dead.url);
		const before = refsOf(repo);

		const run = await runCli(['--fetch', '--dry-run', '--json'], {cwd: repo, env: {REMOTE_SYNC_OFFLINE_QUEUE: '0'}});

		expect(run.exitCode).toBe(1);
		const {results} = parseJson(run);
		const byName = Object.fromEntries(results.map((result: {remote: string}) => [result.remote, result]));
		expect(byName.dead).toMatchObject({status: 'failed', errorClass: 'unreachable'});
		expect(byName.live).toMatchObject({status: 'skipped'});
		expect(byName.live.message).toMatch(/^would fetch live/);
		expect(refsOf(repo)).toBe(before);

		const text = await runCli(['--fetch', '--dry-run'], {cwd: repo});
		expect(text.exitCode).toBe(1);
		expect(text.stdout).not.toMatch(/fetched dead/);
		expect(text.stderr).toMatch(/dead\/\* failed/);
	});
});
