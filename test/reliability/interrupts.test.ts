import {existsSync, mkdirSync, readdirSync, rmSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {addPreReceiveHook, commit, delay, git, gitAsyncOk, makeBare, makeRepo, startDelayProxy, startGitDaemon, startRefusingPort, tempDir, waitFor} from '../harness/index.js';
import {readQueue, reapOnCleanup, seeded, stackTrace, startCli, traceMarker, tracedProcesses, userConfigDir, writeRepoConfig} from './support.js';

/**
 * Ctrl-C at random moments of a push-all that is, at once, pushing over a slow link,
 * connecting a VPN and writing the offline queue. Whenever it lands, afterwards: the
 * program has ended as interrupted, the queue file is whole and valid and unlocked, no
 * process it started is still running, and the VPN it connected is down again.
 * (test/cli/signals.test.ts covers the fixed-timing cases.)
 */

// RST_INTERRUPT_SEED replays another sequence (the failing round names its timing).
const seed = Number(process.env.RST_INTERRUPT_SEED ?? 70_311);
const rounds = 8;
const branches = ['main', 'feature/a', 'feature/b', 'release/1'];

async function scene() {
	const repo = makeRepo();
	for (const branch of branches.slice(1)) git(repo, 'branch', branch);
	// A slow link: every chunk waits 60 ms each way.
	const served = tempDir('rst-served-');
	mkdirSync(path.join(served, 'slow.git'));
	makeBare(path.join(served, 'slow.git'));
	const daemon = await startGitDaemon({basePath: served});
	git(repo, 'remote', 'add', 'slow', daemon.url('slow.git'));
	await gitAsyncOk(repo, 'push', '-q', 'slow', '--all');
	const proxy = await startDelayProxy({targetPort: daemon.port, delayMs: 60});
	git(repo, 'remote', 'set-url', 'slow', proxy.url('slow.git'));
	// Down for good: every branch of it goes through the queue.
	git(repo, 'remote', 'add', 'down', (await startRefusingPort()).url);
	// Behind a "VPN": the repository exists at `link` only while the VPN is up.
	const vpnDir = tempDir('rst-vpn-');
	const link = path.join(vpnDir, 'remote.git');
	const behind = makeBare();
	// Pushes through the VPN take a while: the VPN is up for most of the run.
	addPreReceiveHook(behind, 'sleep 0.8');
	writeRepoConfig(repo, {retry_base_delay: 0.05, retry_max_delay: 0.1, health_check_timeout: 2, max_workers: 4, remotes: {down: {retry: 3}}});
	// The user's own config: its commands and its url are trusted (a repo file's would need
	// `remote-sync trust`). Both connect and disconnect take a moment,
	// so a program that exits without waiting for its cleanup is caught with the VPN still up.
	const xdg = userConfigDir({
		remotes: {internal: {url: link, vpn: 'corp'}},
		vpn: {corp: {connect_cmd: `sleep 0.3 && ln -s '${behind}' '${link}'`, check_cmd: `test -e '${link}'`, disconnect_cmd: `sleep 0.2 && rm -f '${link}'`, timeout: 5}},
	});
	return {repo, link, xdg};
}

describe('Ctrl-C at random points of a push, a VPN connect and a queue write', () => {
	it(`${rounds} seeded interrupts: exit 130, a valid unlocked queue, nothing left running, the VPN down`, async () => {
		const {repo, link, xdg} = await scene();
		const random = seeded(seed);
		const queueDir = path.join(repo, '.git', 'remote-sync');
		const outcomes: string[] = [];
		for (let round = 0; round < rounds; round++) {
			// New commits on every branch: each round has real pushing to do.
			for (const branch of branches) {
				git(repo, 'checkout', '-q', branch);
				commit(repo, `round ${round} on ${branch}`);
			}

			git(repo, 'checkout', '-q', 'main');
			const trace = traceMarker();
			reapOnCleanup(trace.value);
			const started = startCli(['--push-all', '--json', '--verbose'], {cwd: repo, env: {...trace.env, XDG_CONFIG_HOME: xdg}, timeoutMs: 30_000});
			// Measured from when the work has begun (--verbose reports the VPN connecting), so a
			// slow start on a loaded machine does not turn every round into an interrupted start-up.
			await waitFor(() => started.output().stderr.includes('vpn corp: connecting'), {timeoutMs: 20_000, message: 'the push never started'});
			const waitMs = Math.round(random() * 1500);
			await delay(waitMs);
			started.child.kill('SIGINT');
			const run = await started.done;
			const where = `round ${round}, SIGINT ${waitMs} ms into the work: exit ${run.exitCode} signal ${run.signal}\n${run.stderr}`;
			outcomes.push(`${waitMs}ms→${run.exitCode ?? run.signal}`);

			// Interrupted (130), or killed by the signal before the handler was installed, or done just before it.
			expect.soft(run.exitCode === 130 || run.signal === 'SIGINT' || [0, 1, 3].includes(run.exitCode ?? -1), where).toBe(true);
			expect.soft(run.stderr, where).not.toMatch(stackTrace);
			// Checked the moment the program has ended: its cleanup must be done, not still running.
			expect.soft(existsSync(link), `the VPN we connected is still up: ${where}`).toBe(false);
			const left = await waitFor(() => tracedProcesses(trace.value).length === 0, {timeoutMs: 1000}).then(() => [], () => tracedProcesses(trace.value));
			expect.soft(left, `processes left running: ${where}`).toEqual([]);
			readQueue(repo);
			expect.soft(existsSync(path.join(queueDir, 'queue.json.lock')), `queue lock left behind: ${where}`).toBe(false);
			expect.soft(existsSync(queueDir) ? readdirSync(queueDir).filter(name => /^queue\.json\.\d+$/.test(name)) : [], `half-written queue file left: ${where}`).toEqual([]);
			// A failed round must not spoil the next one.
			await waitFor(() => tracedProcesses(trace.value).length === 0, {timeoutMs: 5000}).catch(() => undefined);
			rmSync(link, {force: true});
			rmSync(path.join(queueDir, 'queue.json.lock'), {recursive: true, force: true});
		}

		// The interrupts landed in the middle of the work, where the cleanup has something to do.
		expect(outcomes.filter(outcome => outcome.endsWith('→130')).length, outcomes.join(', ')).toBeGreaterThanOrEqual(5);
		// And after all that, the next run works normally.
		const after = await startCli(['--push-all', '--json'], {cwd: repo, env: {XDG_CONFIG_HOME: xdg}, timeoutMs: 30_000}).done;
		expect(after.exitCode, after.stderr).toBe(3);
		expect(readQueue(repo).every(entry => entry.remote === 'down')).toBe(true);
		expect(existsSync(link)).toBe(false);
	});
});
