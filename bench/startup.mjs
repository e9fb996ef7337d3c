// Startup: how long until the user sees something, as a multiple of `node -e 0` measured in
// the same run (Node's own start on this machine, the floor under every figure).
//   --version                  load the CLI, print the version
//   --status --no-fetch        a whole headless status: a small repo (2 remotes), and 20 remotes x 50 branches
//   first dashboard frame      `--tui` in tmux (120x40) until the header has the local sha and
//                              every remote has its row
// BENCH_BASELINE=<headless bin of another build> measures that build too, in the same runs
// (bench/README.md: how the "before" figures were taken).
import os from 'node:os';
import path from 'node:path';
import {createSandbox} from './lib/git.mjs';
import {quitDashboard, startDashboard} from './lib/dashboard.mjs';
import {isMain, runStandalone} from './lib/report.mjs';
import {runWithUsage} from './lib/rusage.mjs';
import {shellQuote, smallRepo} from './lib/small-repo.mjs';
import {benchRuns, notAvailable, ratio, row} from './lib/stats.mjs';
import {createTmux} from './lib/tmux.mjs';
import {requireBuiltCli} from './lib/tool.mjs';
import {buildRepo} from './status.mjs';

/** Targets of issue 14, as multiples of `node -e 0`. */
const targets = {'--version': 1.5, '--status --no-fetch (20 remotes x 50 branches)': 2.5, 'first dashboard frame': 5};

export async function run({log = () => {}} = {}) {
	const runs = benchRuns(5);
	const builds = {new: requireBuiltCli(), ...(process.env.BENCH_BASELINE ? {old: path.resolve(process.env.BENCH_BASELINE)} : {})};
	const box = createSandbox('startup');
	const small = smallRepo(box);
	const large = buildRepo(box, 20, 50);
	const {env} = box;

	const measures = [['node -e 0', undefined, ['-e', '0'], small.repo, [0]]];
	for (const [build, cli] of Object.entries(builds)) {
		measures.push(
			['--version', build, [cli, '--version'], small.repo, [0]],
			['--status --no-fetch (small repo, 2 remotes)', build, [cli, '--status', '--no-fetch'], small.repo, [0]],
			// Diverged remotes are among them: exit 1 is the right answer.
			['--status --no-fetch (20 remotes x 50 branches)', build, [cli, '--status', '--no-fetch'], large.repo, [1]],
		);
	}
	const wall = new Map();
	const cpu = new Map();
	const push = (map, key, value) => map.set(key, [...(map.get(key) ?? []), value]);
	for (let runIndex = 0; runIndex < runs; runIndex++) {
		for (const [metric, build, args, cwd, okCodes] of measures) {
			const result = await runWithUsage(process.execPath, args, {cwd, env});
			if (!okCodes.includes(result.code)) throw new Error(`node ${args.join(' ')} exited ${result.code}: ${result.stderr.slice(-1500)}`);
			push(wall, `${metric}\t${build ?? ''}`, result.ms);
			if (result.cpuMs !== undefined) push(cpu, `${metric}\t${build ?? ''}`, result.cpuMs);
		}
	}
	log('startup: headless done');

	const tmux = createTmux(env);
	const dashboards = [
		['first dashboard frame (small repo, 2 remotes)', small.repo, small.name, ['mirror1', 'mirror2']],
		['first dashboard frame (20 remotes x 50 branches)', large.repo, path.basename(large.repo), large.remotes],
	];
	const unavailable = new Map();
	for (let runIndex = 0; runIndex < runs; runIndex++) {
		for (const [build, cli] of Object.entries(builds)) {
			for (const [metric, cwd, repoName, remotes] of dashboards) {
				const key = `${metric}\t${build}`;
				if (unavailable.has(key)) continue;
				const session = `startup-${build}-${runIndex}-${remotes.length}`;
				const result = await startDashboard(tmux, session, {command: `exec ${shellQuote(process.execPath)} ${shellQuote(cli)} --tui`, cwd, repoName, remotes, timeoutMs: 60_000});
				await quitDashboard(tmux, session);
				if (result.unavailable) unavailable.set(key, result.unavailable);
				else push(wall, key, result.ms);
			}
		}
	}
	tmux.killServer();
	log('startup: dashboard done');

	const rows = [];
	const notes = [];
	const floor = row('Node', 'node -e 0 (wall)', 'ms', wall.get('node -e 0\t'));
	const floorCpu = cpu.has('node -e 0\t') ? row('Node', 'node -e 0 (CPU)', 'ms', cpu.get('node -e 0\t')) : undefined;
	rows.push(floor, ...(floorCpu ? [floorCpu] : []));
	const metrics = [...new Set([...wall.keys(), ...unavailable.keys()].map(key => key.split('\t')[0]))].filter(metric => metric !== 'node -e 0');
	for (const metric of metrics) {
		for (const build of Object.keys(builds)) {
			const key = `${metric}\t${build}`;
			if (unavailable.has(key)) {
				rows.push(notAvailable(`${build} build`, metric, unavailable.get(key)));
				continue;
			}
			const measured = row(`${build} build`, `${metric} (wall)`, 'ms', wall.get(key));
			measured.xNode = ratio(measured.median, floor.median);
			rows.push(measured);
			if (cpu.has(key)) {
				// On a loaded machine the wall time includes waiting for a core; CPU time does not.
				const cpuRow = row(`${build} build`, `${metric} (CPU)`, 'ms', cpu.get(key));
				if (floorCpu) measured.xNodeCpu = cpuRow.xNode = ratio(cpuRow.median, floorCpu.median);
				rows.push(cpuRow);
			}
		}
		const target = Object.entries(targets).find(([prefix]) => metric.startsWith(prefix))?.[1];
		const figures = Object.keys(builds).map(build => rows.find(r => r.case === `${build} build` && r.metric === `${metric} (wall)`)).filter(Boolean);
		const verdict = target === undefined ? '' : figures[0]?.case === 'new build' ? ` (target <= ${target}x: ${figures[0].xNode <= target ? 'holds' : 'does not hold'})` : ` (target <= ${target}x: not measured)`;
		notes.push(`${metric}: ${figures.map(r => `${r.case.split(' ')[0]} ${Math.round(r.median)} ms = ${r.xNode}x node -e 0${r.xNodeCpu === undefined ? '' : ` (CPU ${r.xNodeCpu}x)`}`).join(', ') || 'n/a'}${verdict}`);
	}
	notes.unshift(`node -e 0: ${Math.round(floor.median)} ms wall${floorCpu ? `, ${Math.round(floorCpu.median)} ms CPU` : ''} (median of ${runs}); load average at the end ${os.loadavg().map(l => l.toFixed(1)).join(' ')}`);
	return {name: 'startup', rows, notes, settings: {runs, terminal: '120x40', baseline: builds.old ?? null}};
}

if (isMain(import.meta.url)) await runStandalone(run);
