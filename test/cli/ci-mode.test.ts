import {beforeEach, describe, expect, it} from 'vitest';
import {buildFleet, commit, git, type Fleet} from '../harness/index.js';
import {readQueue, userConfigDir, writeRepoConfig} from '../reliability/support.js';
import {runCli} from './run-cli.js';

/**
 * docs/ci.md "What changes in CI": with CI set and no terminal, text mode prints calm progress
 * lines on stderr, and the offline queue is off unless configured, so a failed mirror fails
 * the job (exit 1) instead of queueing it for a later run that never comes (exit 3).
 */
describe('in a CI job (CI=true, no terminal, stdin closed)', () => {
	let fleet: Fleet;
	let tip: string;
	beforeEach(async () => {
		fleet = await buildFleet(['local', 'refused']);
		writeRepoConfig(fleet.repo, {retry_base_delay: 0.01, retry_max_delay: 0.02});
		tip = commit(fleet.repo, 'work to mirror');
	});

	const push = (env: Record<string, string>) => runCli(['--push'], {cwd: fleet.repo, env});

	it('a failed mirror fails the job: exit 1, nothing queued; the reachable remote still got the push', async () => {
		const run = await push({CI: 'true'});
		expect(run.exitCode, run.stderr).toBe(1);
		expect(run.stdout).toMatch(/refused\/main \[failed\]/);
		expect(readQueue(fleet.repo)).toEqual([]);
		expect(git(fleet.remotes.local!.bare!, 'rev-parse', 'main')).toBe(tip);
	});

	it('progress lines on stderr: whole lines, no carriage return or escape, one start and one result per remote', async () => {
		const run = await push({CI: 'true'});
		expect(run.stderr).not.toMatch(/[\r\u001B]/);
		const progress = run.stderr.split('\n').filter(line => line.startsWith('push '));
		for (const remote of ['local', 'refused']) {
			expect(progress.filter(line => line.startsWith(`push ${remote}/main: started`)), run.stderr).toHaveLength(1);
			expect(progress.filter(line => new RegExp(`^push ${remote}/main: (pushed|failed) in `).test(line)), run.stderr).toHaveLength(1);
		}

		// The results are still the text report on stdout, once.
		expect(run.stdout.match(/Push Results/g)).toHaveLength(1);
	});

	it('under branch_map the lines name where the branch goes, from start to result', async () => {
		// A repo file's branch_map needs trust: the user's own file maps without it.
		const run = await runCli(['--push', '--remote', 'local'], {cwd: fleet.repo, env: {CI: 'true', XDG_CONFIG_HOME: userConfigDir({remotes: {local: {branch_map: {main: 'master'}}}})}});
		expect(run.exitCode, run.stderr).toBe(0);
		const progress = run.stderr.split('\n').filter(line => line.startsWith('push '));
		expect(progress.filter(line => line.startsWith('push local/main → master: started')), run.stderr).toHaveLength(1);
		expect(progress.filter(line => line.startsWith('push local/main → master: pushed in ')), run.stderr).toHaveLength(1);
		expect(git(fleet.remotes.local!.bare!, 'rev-parse', 'master')).toBe(tip);
	});

	it('the queue stays on where configured: REMOTE_SYNC_OFFLINE_QUEUE, the repo file, the user file (exit 3)', async () => {
		const configured: Array<Record<string, string>> = [
			{CI: 'true', REMOTE_SYNC_OFFLINE_QUEUE: 'true'},
			{CI: 'true', XDG_CONFIG_HOME: userConfigDir({offline_queue: true})},
		];
		for (const env of configured) {
			const run = await push(env);
			expect(run.exitCode, JSON.stringify(env)).toBe(3);
			expect(readQueue(fleet.repo).map(entry => entry.remote)).toEqual(['refused']);
			git(fleet.repo, 'commit', '-q', '--allow-empty', '-m', 'next');
		}

		writeRepoConfig(fleet.repo, {retry_base_delay: 0.01, retry_max_delay: 0.02, offline_queue: true});
		expect((await push({CI: 'true'})).exitCode).toBe(3);
	});

	it('not CI (CI unset, CI=false, CI=0): the queue is on by default and no progress lines', async () => {
		for (const env of [{}, {CI: 'false'}, {CI: '0'}] as Array<Record<string, string>>) {
			const run = await push(env);
			expect(run.exitCode, JSON.stringify(env)).toBe(3);
			expect(run.stderr).not.toMatch(/^push /m);
		}

		expect(readQueue(fleet.repo).map(entry => entry.remote)).toEqual(['refused']);
	});

	it('--quiet and --json print no progress lines in CI', async () => {
		for (const flag of ['--quiet', '--json']) {
			const run = await runCli(['--push', flag], {cwd: fleet.repo, env: {CI: 'true'}});
			expect(run.stderr, flag).not.toMatch(/^push /m);
		}
	});
});
