import {spawnSync} from 'node:child_process';
import {mkdirSync, readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseJson, runCli, type CliRun} from '../cli/run-cli.js';
import {addPreReceiveHook, freePort, git, gitEnv, makeBare, makeRepo, startDelayProxy, startGitDaemon, tempDir, waitFor} from '../harness/index.js';
import {expectCleanEnd, readQueue, writeRepoConfig} from './support.js';

type Result = {remote: string; branch: string; status: string; sha?: string; error?: string};

/** A new commit on `branch` without touching the work tree, so runs in flight see only refs move. */
function advance(repo: string, branch: string, message: string): string {
	const tip = git(repo, 'rev-parse', branch);
	const sha = git(repo, 'commit-tree', `${tip}^{tree}`, '-p', tip, '-m', message);
	git(repo, 'update-ref', `refs/heads/${branch}`, sha, tip);
	return sha;
}

/** Whether `sha` is in the history of `ref` in `gitDir` (false when the commit is not there at all). */
function reachable(gitDir: string, sha: string, ref: string): boolean {
	return spawnSync('git', ['merge-base', '--is-ancestor', sha, ref], {cwd: gitDir, env: gitEnv()}).status === 0;
}

/**
 * The race that loses work: a slow push of an older sha is still in flight when the link goes
 * away; a newer sha for the same branch fails and is queued; then the slow push lands. Its
 * bookkeeping must not take the newer entry with it. The remote is a git daemon behind a
 * delay proxy on a fixed port; its pre-receive hook holds pushes until the test opens a gate
 * (a file), so the order is forced by conditions, not by sleeping.
 */
describe('offline queue under 20 concurrent pushes and --process-queue runs, with a slow remote that goes and comes back', () => {
	it('every sha ever acknowledged as queued is on the remote or still in the queue', async () => {
		const served = tempDir('rst-served-');
		const bare = path.join(served, 'repo.git');
		mkdirSync(bare);
		makeBare(bare);
		const repo = makeRepo();
		git(repo, 'branch', 'dev');
		git(repo, 'push', '-q', bare, 'main', 'dev');
		const held = tempDir('rst-held-');
		const gate = path.join(tempDir('rst-gate-'), 'open');
		// Bounded: 1200 × 50 ms at most, then the push goes through anyway.
		addPreReceiveHook(bare, `touch '${held}'/$$\ni=0\nwhile [ ! -e '${gate}' ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done`);
		const daemon = await startGitDaemon({basePath: served});
		const port = await freePort();
		const proxy = await startDelayProxy({targetPort: daemon.port, delayMs: 5, port});
		git(repo, 'remote', 'add', 'slow', `git://127.0.0.1:${port}/repo.git`);
		// Held pushes show no progress for a while: that is the slow remote, not a stall.
		writeRepoConfig(repo, {retry_base_delay: 0.01, retry_max_delay: 0.02, stall_timeout: 90, remotes: {slow: {retry: 1, timeout: 90}}});

		const runs: Array<Promise<CliRun>> = [];
		let commits = 0;
		const launch = (kind: 'push' | 'queue') => {
			const branch = commits % 2 === 0 ? 'main' : 'dev';
			if (kind === 'push') advance(repo, branch, `work ${++commits}`);
			const args = kind === 'push' ? ['--push', '--json', '--branch', branch] : ['--process-queue', '--json'];
			const run = runCli(args, {cwd: repo, timeoutMs: 90_000});
			runs.push(run);
			return run;
		};

		const many = (count: number, kind: 'push' | 'queue') => Array.from({length: count}, () => launch(kind));

		// 1. Six slow pushes reach the remote and are held there.
		const slow = many(6, 'push');
		await waitFor(() => readdirSync(held).length >= 6, {timeoutMs: 120_000, message: 'the first pushes never reached the remote'});
		// 2. The link goes away for new connections: newer shas fail and are queued, retries fail again.
		proxy.stopListening();
		await Promise.all([...many(6, 'push'), ...many(3, 'queue')]);
		// 3. The slow pushes land, each removing what it delivered (and nothing newer).
		writeFileSync(gate, '');
		await Promise.all(slow);
		// 4. Retries while the remote is still away: they can only deliver what the queue still holds.
		await Promise.all(many(5, 'queue'));

		const done = await Promise.all(runs);
		expect(done).toHaveLength(20);
		const acknowledged = new Map<string, string>();
		for (const run of done) {
			expectCleanEnd(run, 'a concurrent run');
			for (const result of parseJson<{results: Result[]}>(run).results) {
				// A queue that could not be written would be a failure we caused, not the network.
				expect(result.error ?? '', JSON.stringify(result)).not.toMatch(/could not queue|queue could not be updated|stayed locked/);
				if (result.status === 'queued' && result.sha) acknowledged.set(result.sha, result.branch);
			}
		}

		expect(acknowledged.size, 'the link went away: some pushes must have been queued').toBeGreaterThan(0);
		const queue = readQueue(repo);
		for (const [sha, branch] of acknowledged) {
			const onRemote = reachable(bare, sha, `refs/heads/${branch}`);
			// An entry holding a descendant delivers the sha too (coalescing keeps the sha that contains the other).
			const queued = queue.some(entry => entry.remote === 'slow' && entry.branch === branch && reachable(repo, sha, entry.sha));
			expect(onRemote || queued, `${branch}@${sha} was acknowledged as queued, and is neither on the remote nor in the queue ${JSON.stringify(queue)}`).toBe(true);
		}

		// The remote comes back at the same address: what is still queued really gets there.
		await startDelayProxy({targetPort: daemon.port, delayMs: 5, port});
		expectCleanEnd(await runCli(['--process-queue'], {cwd: repo}), 'the final --process-queue');
		for (const [sha, branch] of acknowledged) expect(reachable(bare, sha, `refs/heads/${branch}`), `${branch}@${sha}`).toBe(true);
		expect(readQueue(repo)).toEqual([]);
		// 20 processes on a loaded 2-core machine: bounded by conditions, with room for the load.
	}, 240_000);
});
