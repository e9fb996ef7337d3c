import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseJson, runCli} from '../cli/run-cli.js';
import {addBareRemote, commit, git, makeBare, makeRepo, startGitDaemon, startRefusingPort, tempDir} from '../harness/index.js';
import {expectCleanEnd, readQueue, reapOnCleanup, startCli, traceMarker, tracedProcesses, writeRepoConfig} from './support.js';

type OperationJson = {results: Array<{remote: string; branch: string; status: string; error?: string}>};

const fast = {retry_base_delay: 0.01, retry_max_delay: 0.02};

describe('two headless runs on one repository at the same time', () => {
	it('a headless push and a hook-style headless push at once: both finish cleanly, one queue entry, every mirror updated', async () => {
		const repo = makeRepo();
		addBareRemote(repo, 'origin');
		const mirrors = ['m1', 'm2', 'm3'].map(name => ({name, bare: addBareRemote(repo, name)}));
		const away = await startRefusingPort();
		git(repo, 'remote', 'add', 'away', away.url);
		writeRepoConfig(repo, {...fast, remotes: {away: {retry: 2}}});
		const sha = commit(repo, 'pushed twice at once');
		const trace = traceMarker();
		reapOnCleanup(trace.value);

		// What install-hook's pre-push hook runs while `git push origin` waits for it.
		const hookEnv = {...trace.env, REMOTE_SYNC_HOOK_REMOTE: 'origin'};
		const [run, hook] = await Promise.all([
			startCli(['--push', '--json'], {cwd: repo, env: trace.env}).done,
			startCli(['--push', '--json', '--branch=main'], {cwd: repo, env: hookEnv}).done,
		]);

		for (const [which, each] of [['headless', run], ['hook', hook]] as const) {
			expectCleanEnd(each, which);
			const results = parseJson<OperationJson>(each).results;
			// Whichever run comes second finds the mirror already updated: up to date, never a failure.
			for (const {name} of mirrors) expect(['pushed', 'up-to-date'], `${which}: ${JSON.stringify(results)}`).toContain(results.find(result => result.remote === name)?.status);
			expect(results.find(result => result.remote === 'away')).toMatchObject({status: 'queued'});
			expect(each.exitCode, which).toBe(3);
		}

		expect(parseJson<OperationJson>(hook).results.map(result => result.remote)).not.toContain('origin');
		for (const {name, bare} of mirrors) expect(git(bare, 'rev-parse', 'main'), name).toBe(sha);
		// Both runs failed on `away` for the same ref: coalesced into one entry, not two, none lost.
		expect(readQueue(repo).map(entry => `${entry.remote}/${entry.branch}@${entry.sha}`)).toEqual([`away/main@${sha}`]);
		expect(readQueue(repo)[0]!.attempts).toBeGreaterThanOrEqual(2);
		expect(tracedProcesses(trace.value)).toEqual([]);
	});

	it('two --process-queue at once: the queue stays valid, each entry is delivered once or kept, none lost', async () => {
		const served = tempDir('rst-served-');
		const names = ['q1', 'q2', 'q3', 'q4'];
		const bares = Object.fromEntries(
			names.map(name => {
				const dir = path.join(served, `${name}.git`);
				mkdirSync(dir);
				return [name, makeBare(dir)];
			}),
		);
		const first = await startGitDaemon({basePath: served});
		const repo = makeRepo();
		git(repo, 'branch', 'release');
		for (const name of names) {
			git(repo, 'remote', 'add', name, first.url(`${name}.git`));
			git(repo, 'push', '-q', name, 'main', 'release');
		}

		const away = await startRefusingPort();
		git(repo, 'remote', 'add', 'away', away.url);
		writeRepoConfig(repo, {...fast, max_workers: 8, remotes: Object.fromEntries([...names, 'away'].map(name => [name, {retry: 0}]))});
		await first.stop();
		const main = commit(repo, 'while offline');
		git(repo, 'checkout', '-q', 'release');
		const release = commit(repo, 'release while offline');
		git(repo, 'checkout', '-q', 'main');
		expect((await runCli(['--push-all'], {cwd: repo})).exitCode).toBe(3);
		expect(readQueue(repo)).toHaveLength(10);

		await startGitDaemon({basePath: served, port: first.port});
		const trace = traceMarker();
		reapOnCleanup(trace.value);
		const [a, b] = await Promise.all([startCli(['--process-queue', '--json'], {cwd: repo, env: trace.env}).done, startCli(['--process-queue', '--json'], {cwd: repo, env: trace.env}).done]);

		for (const run of [a, b]) {
			expectCleanEnd(run, 'process-queue');
			for (const result of parseJson<OperationJson>(run).results) {
				// Either process may find an entry already delivered by the other: never a failure for that.
				expect(['pushed', 'up-to-date', 'queued', 'skipped'], JSON.stringify(result)).toContain(result.status);
			}
		}

		for (const name of names) {
			expect(git(bares[name]!, 'rev-parse', 'main'), name).toBe(main);
			expect(git(bares[name]!, 'rev-parse', 'release'), name).toBe(release);
		}

		// Only the remote that is still down keeps its entries; nothing delivered lingers.
		expect(readQueue(repo).map(entry => `${entry.remote}/${entry.branch}`).sort()).toEqual(['away/main', 'away/release']);
		expect(tracedProcesses(trace.value)).toEqual([]);
	});
});
