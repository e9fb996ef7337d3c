// Status: `remote-sync --status --no-fetch` with N remotes x B branches of remote-tracking refs
// (a mixture of in-sync, ahead, behind and diverged), against a shell loop of one
// `git rev-list --left-right --count main...<remote>/main` per remote (status is for one branch,
// the current one). Also counts the git processes our run spawns (a counting `git` first on PATH).
import fs from 'node:fs';
import path from 'node:path';
import {createSandbox, git, initRepo, makeHistory} from './lib/git.mjs';
import {gitCounter} from './lib/git-counter.mjs';
import {mustRun} from './lib/proc.mjs';
import {isMain, runStandalone} from './lib/report.mjs';
import {benchRuns, ratio, row} from './lib/stats.mjs';
import {runTool} from './lib/tool.mjs';

export const remoteCounts = [5, 20, 50];
export const branchCounts = [10, 100];

/** Commits a remote-tracking ref can point at, relative to local main. */
function makeTips(repo, env) {
	const tree = git(repo, env, ['rev-parse', 'main^{tree}']);
	const commitOn = (parent, n, label) => {
		let sha = git(repo, env, ['rev-parse', parent]);
		for (let i = 0; i < n; i++) sha = git(repo, env, ['commit-tree', tree, '-p', sha, '-m', `${label} ${i}`]);
		return sha;
	};
	return {
		'in-sync': git(repo, env, ['rev-parse', 'main']),
		// The remote lacks our last 5 commits: we are ahead.
		ahead: git(repo, env, ['rev-parse', 'main~5']),
		// The remote has 3 commits we lack: we are behind.
		behind: commitOn('main', 3, 'remote only'),
		// Both sides moved on from main~10.
		diverged: commitOn('main~10', 2, 'other side'),
	};
}

export function buildRepo(box, n, b) {
	const {env} = box;
	const repo = initRepo(box.path(`work-${n}x${b}`), env);
	makeHistory(repo, env, {commits: 300, seed: n * 1000 + b});
	const tips = makeTips(repo, env);
	const kinds = Object.keys(tips);
	const lines = [];
	const branches = ['main', ...Array.from({length: b - 1}, (_, j) => `feature/topic-${String(j).padStart(3, '0')}`)];
	for (const [j, branch] of branches.entries()) if (branch !== 'main') lines.push(`create refs/heads/${branch} ${tips[kinds[j % kinds.length]]}`);
	const remoteConfig = [];
	for (let i = 1; i <= n; i++) {
		// Port 9 on loopback (discard, nothing listens): --no-fetch must never touch it. Written
		// straight into .git/config: what `git remote add` would write, without 50 processes.
		remoteConfig.push(`[remote "remote${i}"]\n\turl = git://127.0.0.1:9/remote${i}.git\n\tfetch = +refs/heads/*:refs/remotes/remote${i}/*\n`);
		for (const [j, branch] of branches.entries()) lines.push(`create refs/remotes/remote${i}/${branch} ${tips[kinds[(i + j) % kinds.length]]}`);
	}
	fs.appendFileSync(path.join(repo, '.git', 'config'), remoteConfig.join(''));
	git(repo, env, ['update-ref', '--stdin'], `${lines.join('\n')}\n`);
	return {repo, remotes: Array.from({length: n}, (_, i) => `remote${i + 1}`)};
}

export async function run({log = () => {}} = {}) {
	const runs = benchRuns(5);
	const box = createSandbox('status');
	const counter = gitCounter(box.dir, box.env);
	const rows = [];
	const notes = [];
	for (const n of remoteCounts) {
		for (const b of branchCounts) {
			const {repo, remotes} = buildRepo(box, n, b);
			const label = `${n} remotes x ${b} branches`;
			const tool = async environment => {
				const result = await runTool(repo, environment, ['--status', '--no-fetch', '--json']);
				// 1 is expected: some remotes are diverged.
				if (result.code !== 0 && result.code !== 1) throw new Error(`--status exited ${result.code}: ${result.stderr.slice(-1500)}`);
				const report = JSON.parse(result.stdout);
				if (report.remotes?.length !== n) throw new Error(`--status reported ${report.remotes?.length} remotes, expected ${n}`);
				// The mixture must be real, or the figure measures an easier case than it claims.
				const states = new Set(report.remotes.map(r => r.state));
				const missing = ['in-sync', 'ahead', 'behind', 'diverged'].filter(state => !states.has(state));
				if (missing.length > 0) throw new Error(`--status reported no ${missing.join(', ')} remote; the setup is wrong (states: ${[...states].join(', ')})`);
				return result;
			};
			const loop = `for r in ${remotes.join(' ')}; do git rev-list --left-right --count main...$r/main; done`;
			const toolMs = [];
			const loopMs = [];
			for (let runIndex = 0; runIndex < runs; runIndex++) {
				// Alternate which goes first: neither always gets the warm page cache.
				const pair = [async () => toolMs.push((await tool(box.env)).ms), async () => loopMs.push((await mustRun('sh', ['-c', loop], {cwd: repo, env: box.env})).ms)];
				if (runIndex % 2) pair.reverse();
				for (const step of pair) await step();
			}
			counter.reset();
			await tool(counter.env);
			const spawned = counter.read();
			const toolRow = row(label, 'remote-sync --status --no-fetch', 'ms', toolMs);
			const loopRow = row(label, 'shell loop of git rev-list', 'ms', loopMs);
			rows.push(toolRow, loopRow, row(label, 'git processes (remote-sync)', 'procs', [spawned.count]));
			const detail = Object.entries(spawned.bySubcommand).map(([command, count]) => `${command} ${count}`).join(', ');
			notes.push(`${label}: remote-sync / shell loop = ${ratio(toolRow.median, loopRow.median)}; remote-sync ran ${spawned.count} git processes (${detail}), the loop ${n}`);
			log(`status: ${label} done`);
		}
	}
	return {name: 'status', rows, notes, settings: {runs, remoteCounts, branchCounts}};
}

if (isMain(import.meta.url)) await runStandalone(run);
