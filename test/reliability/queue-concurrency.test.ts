import {spawnSync} from 'node:child_process';
import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseJson, runCli, type CliRun} from '../cli/run-cli.js';
import {freePort, git, gitEnv, makeBare, makeRepo, startDelayProxy, startGitDaemon, tempDir, waitFor, type DelayProxy} from '../harness/index.js';
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

describe('offline queue under 20 concurrent pushes and --process-queue runs, with a slow remote that goes and comes back', () => {
	it('every sha ever acknowledged as queued is on the remote or still in the queue', async () => {
		const served = tempDir('rst-served-');
		const bare = path.join(served, 'repo.git');
		mkdirSync(bare);
		makeBare(bare);
		const repo = makeRepo();
		git(repo, 'branch', 'dev');
		git(repo, 'push', '-q', bare, 'main', 'dev');
		const daemon = await startGitDaemon({basePath: served});
		// The remote's address: refused while nothing listens there, slow (a delay proxy) while up.
		const port = await freePort();
		git(repo, 'remote', 'add', 'slow', `git://127.0.0.1:${port}/repo.git`);
		writeRepoConfig(repo, {retry_base_delay: 0.01, retry_max_delay: 0.02, remotes: {slow: {retry: 1}}});

		const runs: Array<Promise<CliRun>> = [];
		let finished = 0;
		let commits = 0;
		const launch = (kind: 'push' | 'queue', branch = commits % 2 === 0 ? 'main' : 'dev') => {
			if (kind === 'push') advance(repo, branch, `work ${++commits}`);
			const args = kind === 'push' ? ['--push', '--json', '--branch', branch] : ['--process-queue', '--json'];
			const run = runCli(args, {cwd: repo, timeoutMs: 45_000});
			void run.finally(() => finished++);
			runs.push(run);
		};

		const finishedAtLeast = async (count: number) => waitFor(() => finished >= count, {timeoutMs: 45_000, message: `only ${finished} of ${runs.length} runs finished`});
		let proxy: DelayProxy | undefined;
		const up = async () => {
			proxy = await startDelayProxy({targetPort: daemon.port, delayMs: 15, port});
		};

		// Down: pushes queue.
		for (let i = 0; i < 6; i++) launch('push');
		launch('queue');
		await finishedAtLeast(4);
		// Up (slowly) while the first runs may still be failing: deliveries and failures overlap.
		await up();
		for (let i = 0; i < 4; i++) launch('push');
		for (let i = 0; i < 3; i++) launch('queue');
		await finishedAtLeast(9);
		// Down again mid-flight, then back.
		await proxy!.stop();
		for (let i = 0; i < 2; i++) launch('push');
		launch('queue');
		await finishedAtLeast(13);
		await up();
		launch('push');
		for (let i = 0; i < 2; i++) launch('queue');
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

		expect(acknowledged.size, 'the remote was down: some pushes must have been queued').toBeGreaterThan(0);
		const queue = readQueue(repo);
		for (const [sha, branch] of acknowledged) {
			const onRemote = reachable(bare, sha, `refs/heads/${branch}`);
			// An entry holding a descendant of the sha delivers it too (coalescing keeps the sha that contains the other).
			const queued = queue.some(entry => entry.remote === 'slow' && entry.branch === branch && reachable(repo, sha, entry.sha));
			expect(onRemote || queued, `${branch}@${sha} was acknowledged as queued, and is neither on the remote nor in the queue ${JSON.stringify(queue)}`).toBe(true);
		}

		// And what is still queued really gets there.
		expectCleanEnd(await runCli(['--process-queue'], {cwd: repo}), 'the final --process-queue');
		for (const [sha, branch] of acknowledged) expect(reachable(bare, sha, `refs/heads/${branch}`), `${branch}@${sha}`).toBe(true);
		expect(readQueue(repo)).toEqual([]);
	});
});
