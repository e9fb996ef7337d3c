// Parallel push: K remotes behind a slow link (150 ms per direction), a realistic history.
// remote-sync --push (max_workers >= K) against the plain alternatives:
//   a shell loop of `git push` (one remote after another),
//   git's own multiple pushurl on one remote (`git push all main`, also one after another),
//   `git push &` to every remote at once from a shell (the floor of pushing in parallel on this
//   machine: 2 cores share the packing),
//   Node starting the same parallel `git push`es and nothing else (the floor for any Node CLI:
//   Node's own start plus the parallel pushes),
//   Node reading the repository (our three reads) and then starting SPEC's `git push --porcelain
//   --progress` to every remote (the floor for any tool that decides before it pushes),
//   a single `git push` to one remote alone (the floor a parallel push can approach).
// Every run pushes 3 fresh commits; the remotes are reset to the old tip in between, directly
// in the bare repositories (not through the proxy), and every push is checked to have landed.
import fs from 'node:fs';
import path from 'node:path';
import {cloneBare, createSandbox, git, initRepo, makeHistory, readTip} from './lib/git.mjs';
import {mustRun, timed} from './lib/proc.mjs';
import {isMain, runStandalone} from './lib/report.mjs';
import {startDelayProxy, startGitDaemon} from './lib/servers.mjs';
import {benchRuns, ratio, row} from './lib/stats.mjs';
import {requireBuiltCli, writeConfig} from './lib/tool.mjs';

// BENCH_PUSH_COUNTS=4 (comma-separated) measures only those: a quicker look at one figure.
export const remoteCounts = process.env.BENCH_PUSH_COUNTS ? process.env.BENCH_PUSH_COUNTS.split(',').map(Number) : [2, 4, 6, 8];
const delayMs = 150;
const history = {commits: 2000, files: 40, bytesPerFile: 4096};

function resetRemotes(srv, env, names, tip) {
	for (const name of names) git(path.join(srv, `${name}.git`), env, ['update-ref', 'refs/heads/main', tip]);
}

function checkLanded(srv, names, tip, method) {
	for (const name of names) {
		const got = readTip(path.join(srv, `${name}.git`));
		if (got !== tip) throw new Error(`${method}: ${name} has ${got ?? 'nothing'}, expected ${tip}; the push did not land`);
	}
}

function packSizeMiB(repo) {
	const dir = path.join(repo, '.git', 'objects', 'pack');
	const bytes = fs.readdirSync(dir).reduce((sum, file) => sum + fs.statSync(path.join(dir, file)).size, 0);
	return Math.round((bytes / 2 ** 20) * 10) / 10;
}

export async function run({log = () => {}} = {}) {
	const runs = benchRuns(5);
	const box = createSandbox('push');
	const {env} = box;
	const srv = box.path('srv');
	const work = initRepo(box.path('work'), env);
	log(`parallel-push: building a ${history.commits}-commit history...`);
	const base = makeHistory(work, env, history);
	git(work, env, ['gc', '-q']);
	const maxK = Math.max(...remoteCounts);
	const names = Array.from({length: maxK}, (_, i) => `r${i + 1}`);
	fs.mkdirSync(srv);
	for (const name of names) cloneBare(work, path.join(srv, `${name}.git`), env);
	const daemon = await startGitDaemon(srv, env);
	const proxy = await startDelayProxy(daemon.port, delayMs);
	for (const name of names) git(work, env, ['remote', 'add', name, proxy.url(`${name}.git`)]);
	writeConfig(work, {max_workers: maxK});


	// BENCH_BASELINE=<headless bin of another build>: that build pushes too, in the same runs.
	const pushWith = cli => async targets => {
		const result = await timed(process.execPath, [cli, '--push', '--json', '--remote', targets.join(',')], {cwd: work, env});
		if (result.code !== 0) throw new Error(`remote-sync --push (${cli}) exited ${result.code}: ${result.stderr.slice(-2000)}`);
		return result.ms;
	};
	const measure = {
		'remote-sync --push': pushWith(requireBuiltCli()),
		...(process.env.BENCH_BASELINE ? {'remote-sync --push (old build)': pushWith(path.resolve(process.env.BENCH_BASELINE))} : {}),
		'shell loop of git push': async targets => {
			const script = `for r in ${targets.join(' ')}; do git push -q "$r" main; done`;
			return (await mustRun('sh', ['-c', script], {cwd: work, env})).ms;
		},
		'git push all (pushurls)': async targets => {
			git(work, env, ['remote', 'add', 'all', proxy.url(`${targets[0]}.git`)]);
			for (const name of targets) git(work, env, ['remote', 'set-url', '--add', '--push', 'all', proxy.url(`${name}.git`)]);
			try {
				return (await mustRun('git', ['push', '-q', 'all', 'main'], {cwd: work, env})).ms;
			} finally {
				git(work, env, ['remote', 'remove', 'all']);
			}
		},
		'parallel git push (sh &)': async targets => {
			const script = `for r in ${targets.join(' ')}; do git push -q "$r" main & done; wait`;
			return (await mustRun('sh', ['-c', script], {cwd: work, env})).ms;
		},
		'node starting git push (floor)': async targets => {
			const script = `let n = 0; for (const r of ${JSON.stringify(targets)}) require('node:child_process').spawn('git', ['push', '-q', r, 'main'], {stdio: 'ignore'}).on('exit', code => { if (code !== 0) process.exitCode = 1; if (++n === ${targets.length}) process.exit(); });`;
			return (await mustRun(process.execPath, ['-e', script], {cwd: work, env})).ms;
		},
		'node reading, then git push --porcelain --progress (floor with reads)': async targets => {
			// What any tool that decides before it pushes pays at least: Node, the repository's three
			// reads at once (the same argv as core/service/repository-reads.ts), then SPEC's push
			// command to every remote at once, its output ignored.
			const reads = [
				['rev-parse', '--is-bare-repository', '--absolute-git-dir', '--path-format=absolute', '--git-common-dir', '--show-toplevel'],
				['for-each-ref', '--format=%(objectname) %(refname) %(symref) %(objecttype) %(HEAD)', '--', 'refs/heads', 'refs/remotes', 'refs/tags/', 'refs/remote-sync/'],
				['config', '--null', '--get-regexp', String.raw`^(remote\..*\.(url|fetch)|core\.sshcommand)$`],
			];
			const script = `const {spawn} = require('node:child_process');
const run = args => new Promise(done => { const child = spawn('git', args, {stdio: ['ignore', 'pipe', 'pipe']}); child.stdout.resume(); child.stderr.resume(); child.on('close', done); });
Promise.all(${JSON.stringify(reads)}.map(run)).then(() => {
	let n = 0;
	for (const r of ${JSON.stringify(targets)}) spawn('git', ['push', '--porcelain', '--progress', r, 'main'], {stdio: 'ignore'}).on('exit', code => { if (code !== 0) process.exitCode = 1; if (++n === ${targets.length}) process.exit(); });
});`;
			return (await mustRun(process.execPath, ['-e', script], {cwd: work, env})).ms;
		},
		'single git push': async targets => (await mustRun('git', ['push', '-q', targets[0], 'main'], {cwd: work, env})).ms,
	};
	const methodNames = Object.keys(measure);
	const withReads = 'node reading, then git push --porcelain --progress (floor with reads)';
	const values = new Map();

	for (let runIndex = 0; runIndex < runs; runIndex++) {
		// Fresh commits on the old tip for every run: each push sends new objects.
		git(work, env, ['reset', '-q', '--hard', base]);
		const tip = makeHistory(work, env, {commits: 3, files: history.files, bytesPerFile: history.bytesPerFile, seed: 100 + runIndex, label: `run ${runIndex + 1}`});
		for (const k of remoteCounts) {
			const targets = names.slice(0, k);
			// Rotate the order of methods so none always runs first (warm caches, load spikes).
			const order = methodNames.map((_, i) => methodNames[(i + runIndex) % methodNames.length]);
			for (const method of order) {
				// The single push goes to one remote, a different one each run.
				const pushed = method === 'single git push' ? [targets[runIndex % k]] : targets;
				resetRemotes(srv, env, pushed, base);
				const ms = await measure[method](pushed);
				checkLanded(srv, pushed, tip, method);
				const key = `${k}\t${method}`;
				values.set(key, [...(values.get(key) ?? []), ms]);
			}
			log(`parallel-push: run ${runIndex + 1}/${runs}, K=${k} done`);
		}
	}

	const rows = [];
	const notes = [`history: ${history.commits} commits, ${packSizeMiB(work)} MiB packed; each run pushes 3 new commits; link delay ${delayMs} ms per direction`];
	for (const k of remoteCounts) {
		const medians = {};
		for (const method of methodNames) {
			const r = row(`K=${k}`, method, 'ms', values.get(`${k}\t${method}`));
			medians[method] = r.median;
			rows.push(r);
		}
		notes.push(`K=${k} node floor / single push = ${ratio(medians['node starting git push (floor)'], medians['single git push'])} (what any Node CLI pays before doing anything of its own)`);
		notes.push(`K=${k} node floor with reads / single push = ${ratio(medians[withReads], medians['single git push'])} (what a tool pays that reads the repository first and pushes with SPEC's options)`);
		for (const tool of methodNames.filter(method => method.startsWith('remote-sync'))) {
			const ms = medians[tool];
			const single = ratio(ms, medians['single git push']);
			const loop = ratio(ms, medians['shell loop of git push']);
			// Issue 14's targets, at K=4: <= 1.25x one git push and <= 0.45x a shell loop.
			const verdict = k === 4 ? ` (targets <= 1.25x single, <= 0.45x loop: ${single <= 1.25 ? 'holds' : 'does not hold'}, ${loop <= 0.45 ? 'holds' : 'does not hold'})` : '';
			notes.push(`K=${k} ${tool}: / shell loop = ${loop}, / pushurls = ${ratio(ms, medians['git push all (pushurls)'])}, / parallel git push = ${ratio(ms, medians['parallel git push (sh &)'])}, / node floor = ${ratio(ms, medians['node starting git push (floor)'])}, / floor with reads = ${ratio(ms, medians[withReads])}, / single push = ${single}${verdict}`);
		}
	}
	await proxy.stop();
	await daemon.stop();
	return {name: 'parallel-push', rows, notes, settings: {runs, delayMs, history, remoteCounts}};
}

if (isMain(import.meta.url)) await runStandalone(run);
