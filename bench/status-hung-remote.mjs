// Status with one hung remote (SPEC §4 "status never waits for the slowest remote", issue 13):
// `remote-sync --status --json` in a repository with two healthy remotes behind a slow link and
// one that accepts connections and never answers. It must finish within stall_timeout + 1 s and
// report the hung remote stale, with fetchError. Next to it, measured in the same run, the seed
// tool's behaviour: fetch every remote in parallel and wait for all of them, each bounded only by
// its `timeout` (a shell loop of `timeout <s> git fetch <remote> &` + `wait`).
import fs from 'node:fs';
import path from 'node:path';
import {cloneBare, createSandbox, git, initRepo, makeHistory} from './lib/git.mjs';
import {mustRun} from './lib/proc.mjs';
import {isMain, runStandalone} from './lib/report.mjs';
import {startDelayProxy, startGitDaemon, startSilentSocket} from './lib/servers.mjs';
import {benchRuns, ratio, row} from './lib/stats.mjs';
import {runTool, writeConfig} from './lib/tool.mjs';

const stallSeconds = 3;
const timeoutSeconds = 12;
const delayMs = 100;

export async function run({log = () => {}} = {}) {
	const runs = benchRuns(3);
	const box = createSandbox('status-hung');
	const {env} = box;
	const repo = initRepo(box.path('work'), env);
	makeHistory(repo, env, {commits: 30, seed: 13});
	fs.mkdirSync(box.path('srv'));
	const daemon = await startGitDaemon(box.path('srv'), env);
	const proxy = await startDelayProxy(daemon.port, delayMs);
	const silent = await startSilentSocket();
	for (const name of ['slow1', 'slow2']) {
		cloneBare(repo, path.join(box.path('srv'), `${name}.git`), env);
		git(repo, env, ['remote', 'add', name, proxy.url(`${name}.git`)]);
		git(repo, env, ['fetch', '-q', name]);
	}
	git(repo, env, ['remote', 'add', 'hung', silent.url('hung.git')]);
	// Fetched once before: its last known state is there to show, stale.
	git(repo, env, ['update-ref', 'refs/remotes/hung/main', 'main']);
	writeConfig(repo, {stall_timeout: stallSeconds, remotes: {hung: {timeout: timeoutSeconds, retry: 0}, slow1: {timeout: timeoutSeconds}, slow2: {timeout: timeoutSeconds}}});

	const ours = async () => {
		const result = await runTool(repo, env, ['--status', '--json'], {timeoutMs: 120_000});
		const report = JSON.parse(result.stdout);
		const hung = report.remotes.find(remote => remote.name === 'hung');
		if (!hung?.stale || hung.fetchError?.class !== 'timeout') throw new Error(`hung was not reported stale with a timeout: ${JSON.stringify(hung)}`);
		for (const name of ['slow1', 'slow2']) if (report.remotes.find(remote => remote.name === name)?.stale !== false) throw new Error(`${name} was reported stale`);
		return result.ms;
	};
	const seed = `for r in slow1 slow2 hung; do timeout ${timeoutSeconds} git fetch -q "$r" & done; wait; exit 0`;
	const oursMs = [];
	const seedMs = [];
	for (let runIndex = 0; runIndex < runs; runIndex++) {
		const pair = [async () => oursMs.push(await ours()), async () => seedMs.push((await mustRun('sh', ['-c', seed], {cwd: repo, env, timeoutMs: 120_000})).ms)];
		if (runIndex % 2) pair.reverse();
		for (const step of pair) await step();
		log(`status-hung-remote: run ${runIndex + 1}/${runs}`);
	}

	const label = `2 slow remotes (${delayMs} ms link) + 1 silent`;
	const oursRow = row(label, `remote-sync --status --json (stall_timeout ${stallSeconds} s)`, 'ms', oursMs);
	const seedRow = row(label, `seed behaviour: wait for every fetch (timeout ${timeoutSeconds} s)`, 'ms', seedMs);
	const bound = (stallSeconds + 1) * 1000;
	const notes = [
		`remote-sync finished within stall_timeout + 1 s (${bound} ms) in ${oursMs.filter(ms => ms <= bound).length} of ${oursMs.length} runs (max ${Math.round(Math.max(...oursMs))} ms); the hung remote reported stale, fetchError timeout`,
		`seed behaviour / remote-sync = ${ratio(seedRow.median, oursRow.median)}`,
	];
	return {name: 'status-hung-remote', rows: [oursRow, seedRow], notes, settings: {runs, stallSeconds, timeoutSeconds, delayMs}};
}

if (isMain(import.meta.url)) await runStandalone(run);
