/** How many measured runs per case: BENCH_RUNS, else the script's default. */
export function benchRuns(fallback = 5) {
	const raw = process.env.BENCH_RUNS;
	if (raw === undefined || raw === '') return fallback;
	const runs = Number(raw);
	if (!Number.isInteger(runs) || runs < 1 || runs > 100) {
		throw new Error(`BENCH_RUNS must be a whole number from 1 to 100 (got "${raw}"); unset it to use ${fallback}`);
	}
	return runs;
}

/** Quantile with linear interpolation between closest ranks (values sorted ascending). */
function quantile(sorted, q) {
	if (sorted.length === 0) return NaN;
	const position = (sorted.length - 1) * q;
	const low = Math.floor(position);
	const high = Math.ceil(position);
	return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

export function summarize(values) {
	const sorted = [...values].sort((a, b) => a - b);
	return {
		n: sorted.length,
		median: quantile(sorted, 0.5),
		min: sorted[0],
		max: sorted.at(-1),
		q1: quantile(sorted, 0.25),
		q3: quantile(sorted, 0.75),
	};
}

/** A table row: one measured quantity, its raw values and their summary. */
export function row(benchCase, metric, unit, values, extra = {}) {
	return {case: benchCase, metric, unit, values: values.map(v => Math.round(v * 100) / 100), ...summarize(values), ...extra};
}

/** A figure that could not be measured, with the reason shown in its place. */
export function notAvailable(benchCase, metric, reason) {
	return {case: benchCase, metric, unit: '', values: [], n: 0, na: reason};
}

export function ratio(a, b) {
	return b > 0 ? Math.round((a / b) * 100) / 100 : NaN;
}
