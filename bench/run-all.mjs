// Runs every benchmark in sequence, prints one table and writes bench/results.json.
//   node bench/run-all.mjs                 all of them (npm run bench builds first)
//   node bench/run-all.mjs status memory   only these
//   BENCH_RUNS=3 node bench/run-all.mjs    fewer runs per case (default 5)
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {runCleanup} from './lib/cleanup.mjs';
import {formatTable} from './lib/report.mjs';
import {benchRuns, notAvailable} from './lib/stats.mjs';
import {machineFacts, requireBuiltCli} from './lib/tool.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const all = ['parallel-push', 'health-check', 'status', 'status-hung-remote', 'startup', 'dashboard-cost', 'memory'];

async function main() {
	const wanted = process.argv.slice(2);
	const unknown = wanted.filter(name => !all.includes(name));
	if (unknown.length > 0) {
		process.stderr.write(`unknown benchmark ${unknown.join(', ')}; choose from: ${all.join(', ')}\n`);
		return 2;
	}
	try {
		requireBuiltCli();
		benchRuns();
	} catch (error) {
		process.stderr.write(`${error.message}\n`);
		return 2;
	}

	const facts = machineFacts();
	const started = performance.now();
	const results = [];
	let failed = 0;
	for (const name of wanted.length > 0 ? wanted : all) {
		const benchStarted = performance.now();
		process.stderr.write(`== ${name}\n`);
		try {
			const {run} = await import(`./${name}.mjs`);
			const result = await run({log: line => process.stderr.write(`   ${line}\n`)});
			results.push({...result, seconds: Math.round((performance.now() - benchStarted) / 100) / 10});
		} catch (error) {
			failed++;
			process.stderr.write(`   ${name} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
			results.push({name, rows: [notAvailable('-', 'whole benchmark', `failed: ${String(error.message ?? error).split('\n')[0].slice(0, 160)}`)], notes: []});
		} finally {
			// Each benchmark's servers and temp dirs go before the next one starts.
			await runCleanup();
		}
	}

	const totalSeconds = Math.round((performance.now() - started) / 1000);
	process.stdout.write(`\n${formatTable(results)}\n\n`);
	process.stdout.write(`${facts.cpus} cores (${facts.cpuModel}), load average at start ${facts.loadAverage.join(' ')}, ${facts.node}, ${facts.git}; total ${totalSeconds} s\n`);
	const file = path.join(here, 'results.json');
	fs.writeFileSync(file, `${JSON.stringify({machine: facts, totalSeconds, runs: benchRuns(), results}, null, 2)}\n`);
	process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
	return failed > 0 ? 1 : 0;
}

const code = await main().catch(async error => {
	process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
	return 1;
});
await runCleanup();
process.exit(code);
