/**
 * Node runs a timer longer than 2^31-1 ms (about 24.8 days) after 1 ms instead, with a
 * warning. A config may legally ask for a timeout of 1e12 seconds: that must mean "as good
 * as never", not "at once". Every timer built from a configured duration goes through this.
 */
export const maxTimerMs = 2 ** 31 - 1;

export function timerMs(ms: number): number {
	return Number.isFinite(ms) ? Math.min(Math.max(0, ms), maxTimerMs) : maxTimerMs;
}
