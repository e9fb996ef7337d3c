/**
 * Milliseconds on a clock that never goes back (for durations and deadlines, never dates).
 * process.hrtime rather than `performance.now()`: Node builds the `performance` global (all
 * of perf_hooks) at its first use, ~1.5 ms of every start.
 */
export function monotonicMs(): number {
	return Number(process.hrtime.bigint()) / 1e6;
}
