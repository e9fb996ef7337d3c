// Startup: how long until the user sees something.
//   node -e 0                  Node's own start on this machine (the floor under every figure)
//   --version                  our start: load the CLI, parse flags
//   --status --no-fetch        a whole headless status in a small repo with 2 local remotes
//   first dashboard frame      `--tui` in tmux (120x40) until the header "<repo> on main" shows
import {createSandbox} from './lib/git.mjs';
import {quitDashboard, startDashboard} from './lib/dashboard.mjs';
import {isMain, runStandalone} from './lib/report.mjs';
import {runWithUsage} from './lib/rusage.mjs';
import {shellQuote, smallRepo} from './lib/small-repo.mjs';
import {benchRuns, notAvailable, row} from './lib/stats.mjs';
import {createTmux} from './lib/tmux.mjs';
import {requireBuiltCli} from './lib/tool.mjs';

export async function run({log = () => {}} = {}) {
	const runs = benchRuns(5);
	const cli = requireBuiltCli();
	const box = createSandbox('startup');
	const {repo, name} = smallRepo(box);
	const {env} = box;

	// Wall time, and CPU time (user + system, GNU time): on a loaded machine the wall time
	// includes waiting for a core; the CPU time is what the program itself costs.
	const measures = {
		'node -e 0 (Node alone)': [['-e', '0'], [0]],
		'--version': [[cli, '--version'], [0]],
		'--status --no-fetch': [[cli, '--status', '--no-fetch'], [0]],
	};
	const wall = Object.fromEntries(Object.keys(measures).map(key => [key, []]));
	const cpu = Object.fromEntries(Object.keys(measures).map(key => [key, []]));
	for (let runIndex = 0; runIndex < runs; runIndex++) {
		for (const [key, [args, okCodes]] of Object.entries(measures)) {
			const result = await runWithUsage(process.execPath, args, {cwd: repo, env});
			if (!okCodes.includes(result.code)) throw new Error(`node ${args.join(' ')} exited ${result.code}: ${result.stderr.slice(-1500)}`);
			wall[key].push(result.ms);
			if (result.cpuMs !== undefined) cpu[key].push(result.cpuMs);
		}
	}
	const rows = [];
	for (const key of Object.keys(measures)) {
		rows.push(row('small repo, 2 remotes', `${key} (wall)`, 'ms', wall[key]));
		if (cpu[key].length > 0) rows.push(row('small repo, 2 remotes', `${key} (CPU)`, 'ms', cpu[key]));
	}
	log('startup: headless done');

	const tmux = createTmux(env);
	const frames = [];
	let unavailable;
	for (let runIndex = 0; runIndex < runs && !unavailable; runIndex++) {
		const session = `startup-${runIndex}`;
		const result = await startDashboard(tmux, session, {command: `exec ${shellQuote(process.execPath)} ${shellQuote(cli)} --tui`, cwd: repo, repoName: name});
		await quitDashboard(tmux, session);
		if (result.unavailable) unavailable = result.unavailable;
		else frames.push(result.ms);
	}
	tmux.killServer();
	rows.push(unavailable ? notAvailable('small repo, 2 remotes', 'first dashboard frame (tmux)', unavailable) : row('small repo, 2 remotes', 'first dashboard frame (tmux)', 'ms', frames));
	log('startup: dashboard done');
	return {name: 'startup', rows, notes: [], settings: {runs, terminal: '120x40'}};
}

if (isMain(import.meta.url)) await runStandalone(run);
