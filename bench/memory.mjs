// Memory: peak resident set size of `remote-sync --status --no-fetch --json` with 50 remotes
// (x 10 and x 100 branches of remote-tracking refs), next to Node alone and `--version`.
// Measured with GNU time (the largest of the process and the git processes it waited for,
// which in practice is node itself); without it, by polling VmHWM in /proc/<pid>/status.
import {createSandbox} from './lib/git.mjs';
import {runWithUsage} from './lib/rusage.mjs';
import {isMain, runStandalone} from './lib/report.mjs';
import {benchRuns, row} from './lib/stats.mjs';
import {requireBuiltCli} from './lib/tool.mjs';
import {buildRepo} from './status.mjs';

export async function run({log = () => {}} = {}) {
	// Peak RSS barely moves between runs (spread under 3 % here): 3 runs are plenty.
	const runs = benchRuns(3);
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
	let how;
	for (const [label, metric, args, cwd] of cases) {
		const values = [];
		for (let runIndex = 0; runIndex < runs; runIndex++) {
			const result = await runWithUsage(process.execPath, args, {cwd, env});
			// 1 is --status saying "diverged": expected here.
			if (result.code !== 0 && result.code !== 1) throw new Error(`node ${args.join(' ')} exited ${result.code}: ${result.stderr.slice(-1500)}`);
			values.push(result.peakRssKiB / 1024);
			how = result.how;
		}
		rows.push(row(label, `peak RSS ${metric}`, 'MiB', values));
	}
	log('memory: done');
	return {name: 'memory', rows, notes: [`measured with ${how}`], settings: {runs}};
}

if (isMain(import.meta.url)) await runStandalone(run);
