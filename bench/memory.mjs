// Memory: peak resident set size of `remote-sync --status --no-fetch --json` with 50 remotes
// (x 10 and x 100 branches of remote-tracking refs), next to Node alone and `--version`.
// Measured with GNU time -v (the largest of the process and the git processes it waited for,
// which in practice is node itself); without it, by polling VmHWM in /proc/<pid>/status.
import fs from 'node:fs';
import {createSandbox} from './lib/git.mjs';
import {statusKiB} from './lib/proc-stats.mjs';
import {timed} from './lib/proc.mjs';
import {isMain, runStandalone} from './lib/report.mjs';
import {benchRuns, row} from './lib/stats.mjs';
import {requireBuiltCli} from './lib/tool.mjs';
import {buildRepo} from './status.mjs';

const gnuTime = '/usr/bin/time';

async function peakRssMiB(args, {cwd, env}) {
	if (fs.existsSync(gnuTime)) {
		const result = await timed(gnuTime, ['-v', process.execPath, ...args], {cwd, env});
		const kib = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)?.[1];
		if (result.code !== 0 && result.code !== 1) throw new Error(`node ${args.join(' ')} exited ${result.code}: ${result.stderr.slice(-1500)}`);
		if (kib === undefined) throw new Error(`${gnuTime} -v printed no maximum resident set size: ${result.stderr.slice(-500)}`);
		return Number(kib) / 1024;
	}
	// No GNU time: poll the peak while the process lives (the last reading before exit wins).
	let peak = 0;
	let pid;
	const running = timed(process.execPath, args, {cwd, env, onSpawn: spawned => (pid = spawned)});
	const poll = setInterval(() => {
		try {
			if (pid) peak = Math.max(peak, statusKiB(pid, 'VmHWM') ?? 0);
		} catch {
			// exited between two readings
		}
	}, 5);
	try {
		await running;
	} finally {
		clearInterval(poll);
	}
	return peak / 1024;
}

export async function run({log = () => {}} = {}) {
	const runs = benchRuns(5);
	const cli = requireBuiltCli();
	const box = createSandbox('memory');
	const {env} = box;
	const small = buildRepo(box, 50, 10);
	const large = buildRepo(box, 50, 100);
	const cases = [
		['baseline', 'node -e 0', ['-e', '0'], small.repo],
		['baseline', '--version', [cli, '--version'], small.repo],
		['50 remotes x 10 branches', '--status --no-fetch', [cli, '--status', '--no-fetch', '--json'], small.repo],
		['50 remotes x 100 branches', '--status --no-fetch', [cli, '--status', '--no-fetch', '--json'], large.repo],
	];
	const rows = [];
	for (const [label, metric, args, cwd] of cases) {
		const values = [];
		for (let runIndex = 0; runIndex < runs; runIndex++) values.push(await peakRssMiB(args, {cwd, env}));
		rows.push(row(label, `peak RSS ${metric}`, 'MiB', values));
	}
	log('memory: done');
	const how = fs.existsSync(gnuTime) ? `${gnuTime} -v` : 'polling VmHWM';
	return {name: 'memory', rows, notes: [`measured with ${how}`], settings: {runs}};
}

if (isMain(import.meta.url)) await runStandalone(run);
