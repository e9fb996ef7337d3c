// Health check: K remotes behind a slow link (150 ms per direction), one of which never answers
// (a socket that accepts and stays silent). `remote-sync --health-check` probes them in
// parallel, so the total should be about one health_check_timeout, not K of them.
// Measured with max_workers = K, and once with the default max_workers (4) for K = 8.
import fs from 'node:fs';
import path from 'node:path';
import {cloneBare, createSandbox, git, initRepo, makeHistory} from './lib/git.mjs';
import {isMain, runStandalone} from './lib/report.mjs';
import {startDelayProxy, startGitDaemon, startSilentSocket} from './lib/servers.mjs';
import {benchRuns, ratio, row} from './lib/stats.mjs';
import {runTool, writeConfig} from './lib/tool.mjs';

const timeoutSeconds = 2;
const delayMs = 150;
// [remotes, max_workers or undefined for the default]
const cases = [
	[4, 4],
	[8, 8],
	[8, undefined],
];

function checkReport(stdout, k) {
	let report;
	try {
		report = JSON.parse(stdout);
	} catch {
		throw new Error(`--health-check --json did not print JSON: ${stdout.slice(0, 500)}`);
	}
	const remotes = report.remotes ?? [];
	const dead = remotes.filter(r => !r.reachable);
	if (remotes.length !== k || dead.length !== 1 || dead[0].name !== 'silent') {
		throw new Error(`expected ${k - 1} reachable remotes and "silent" unreachable, got ${JSON.stringify(remotes.map(r => [r.name, r.class]))}`);
	}
	return dead[0].class;
}

export async function run({log = () => {}} = {}) {
	const runs = benchRuns(5);
	const box = createSandbox('health');
	const {env} = box;
	const work = initRepo(box.path('work'), env);
	makeHistory(work, env, {commits: 20});
	fs.mkdirSync(box.path('srv'));
	const daemon = await startGitDaemon(box.path('srv'), env);
	const proxy = await startDelayProxy(daemon.port, delayMs);
	const silent = await startSilentSocket();
	const maxK = Math.max(...cases.map(([k]) => k));
	for (let i = 1; i < maxK; i++) cloneBare(work, path.join(box.path('srv'), `r${i}.git`), env);

	const rows = [];
	const notes = [`health_check_timeout ${timeoutSeconds} s; good remotes behind a ${delayMs} ms-per-direction link; one silent socket`];
	for (const [k, workers] of cases) {
		// A fresh work repo per case: exactly K remotes, the silent one among them.
		const repo = box.path(`work-${k}-${workers ?? 'default'}`);
		git(box.dir, env, ['clone', '-q', '--no-checkout', work, repo]);
		git(repo, env, ['remote', 'remove', 'origin']);
		git(repo, env, ['remote', 'add', 'silent', silent.url('silent.git')]);
		for (let i = 1; i < k; i++) git(repo, env, ['remote', 'add', `r${i}`, proxy.url(`r${i}.git`)]);
		writeConfig(repo, {health_check_timeout: timeoutSeconds, ...(workers === undefined ? {} : {max_workers: workers})});
		const values = [];
		let failureClass;
		for (let runIndex = 0; runIndex < runs; runIndex++) {
			const result = await runTool(repo, env, ['--health-check', '--json'], {timeoutMs: 60_000});
			if (result.code !== 1) throw new Error(`--health-check exited ${result.code} (expected 1: one remote unreachable): ${result.stderr.slice(-1500)}`);
			failureClass = checkReport(result.stdout, k);
			values.push(result.ms);
		}
		const label = `K=${k}, max_workers=${workers ?? '4 (default)'}`;
		const r = row(label, '--health-check total', 'ms', values);
		rows.push(r);
		notes.push(`${label}: total / timeout = ${ratio(r.median / 1000, timeoutSeconds)} (K x timeout would be ${k * timeoutSeconds} s); the silent remote was reported as "${failureClass}"`);
		log(`health-check: ${label} done`);
	}
	return {name: 'health-check', rows, notes, settings: {runs, timeoutSeconds, delayMs, cases}};
}

if (isMain(import.meta.url)) await runStandalone(run);
