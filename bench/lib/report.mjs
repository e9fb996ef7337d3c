import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {runCleanup} from './cleanup.mjs';

function formatValue(value, unit) {
	if (value === undefined || Number.isNaN(value)) return '-';
	if (unit === 'ms' && value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
	if (unit === 'ms') return `${Math.round(value)} ms`;
	if (Number.isInteger(value)) return `${value}${unit ? ` ${unit}` : ''}`;
	const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
	return `${value.toFixed(digits)}${unit ? ` ${unit}` : ''}`;
}

/** One plain-text table for any number of benchmark results (what `npm run bench` prints). */
export function formatTable(results) {
	const header = ['benchmark', 'case', 'measure', 'median', 'min', 'max', 'IQR (q1-q3)', 'n'];
	const lines = [header];
	for (const result of results) {
		for (const r of result.rows) {
			if (r.na) {
				lines.push([result.name, r.case, r.metric, `n/a (${r.na})`, '', '', '', '0']);
				continue;
			}
			const iqr = `${formatValue(r.q1, r.unit)} - ${formatValue(r.q3, r.unit)}`;
			lines.push([result.name, r.case, r.metric, formatValue(r.median, r.unit), formatValue(r.min, r.unit), formatValue(r.max, r.unit), iqr, String(r.n)]);
		}
	}
	// A n/a reason runs over the columns after it, so it does not widen them.
	const isNa = line => line[3].startsWith('n/a');
	const widths = header.map((_, column) => Math.max(...lines.filter(line => column < 3 || !isNa(line)).map(line => (line[column] ?? '').length)));
	const render = line => line.map((cell, column) => (column >= 3 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ').trimEnd();
	const out = [render(lines[0]), widths.map(w => '-'.repeat(w)).join('  ')];
	for (const line of lines.slice(1)) out.push(isNa(line) ? line.slice(0, 4).map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c)).join('  ') : render(line));
	for (const result of results) {
		if (!result.notes?.length) continue;
		out.push('', `${result.name}:`);
		for (const note of result.notes) out.push(`  ${note}`);
	}
	return out.join('\n');
}

/** True when `moduleUrl` is the script node was started with (`node bench/x.mjs`). */
export function isMain(moduleUrl) {
	return process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(moduleUrl);
}

/** Run one benchmark as a script: print its table, stop everything, exit 1 on failure. */
export async function runStandalone(run) {
	let code = 0;
	try {
		const result = await run({log: line => process.stderr.write(`${line}\n`)});
		process.stdout.write(`${formatTable([result])}\n`);
	} catch (error) {
		process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
		code = 1;
	} finally {
		await runCleanup();
	}
	process.exit(code);
}
