// Startup: how long until the user sees something.
//   node -e 0                  Node's own start on this machine (the floor under every figure)
//   --version                  our start: load the CLI, parse flags
//   --status --no-fetch        a whole headless status in a small repo with 2 local remotes
//   first dashboard frame      `--tui` in tmux (120x40) until the header "<repo> on main" shows
import {createSandbox} from './lib/git.mjs';
import {quitDashboard, startDashboard} from './lib/dashboard.mjs';
import {mustRun} from './lib/proc.mjs';
import {isMain, runStandalone} from './lib/report.mjs';
import {shellQuote, smallRepo} from './lib/small-repo.mjs';
import {benchRuns, notAvailable, row} from './lib/stats.mjs';
import {createTmux} from './lib/tmux.mjs';
import {requireBuiltCli, runTool} from './lib/tool.mjs';

export async function run({log = () => {}} = {}) {
	const runs = benchRuns(5);
	const cli = requireBuiltCli();
	const box = createSandbox('startup');
	const {repo, name} = smallRepo(box);
	const {env} = box;

	const measures = {
		'node -e 0 (Node alone)': async () => (await mustRun(process.execPath, ['-e', '0'], {env})).ms,
		'--version': async () => (await mustRun(process.execPath, [cli, '--version'], {env, cwd: repo})).ms,
		'--status --no-fetch': async () => {
			const result = await runTool(repo, env, ['--status', '--no-fetch']);
			if (result.code !== 0) throw new Error(`--status --no-fetch exited ${result.code}: ${result.stderr.slice(-1500)}`);
			return result.ms;
		},
	};
	const values = Object.fromEntries(Object.keys(measures).map(key => [key, []]));
	for (let runIndex = 0; runIndex < runs; runIndex++) for (const [key, measure] of Object.entries(measures)) values[key].push(await measure());
	const rows = Object.entries(values).map(([key, list]) => row('small repo, 2 remotes', key, 'ms', list));
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
