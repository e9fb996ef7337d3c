import {describe, expect, it} from 'vitest';
import {abortableSleep, retryDelayMs, withRetry} from '../../source/core/retry.js';

describe('retry backoff (SPEC §4 Retry)', () => {
	it.each([
		// attempt, base, max, random, expected ms
		[1, 1, 30, 1, 1000],
		[1, 1, 30, 0, 500],
		[2, 1, 30, 1, 2000],
		[3, 1, 30, 1, 4000],
		[4, 1, 30, 0.5, 6000],
		[6, 1, 30, 1, 30_000],
		[10, 1, 30, 1, 30_000],
		[10, 1, 30, 0, 15_000],
		[1, 0.01, 30, 1, 10],
		[1, 0, 30, 1, 0],
		[3, 5, 2, 1, 2000],
	])('retry %i from base %ss capped at %ss (random %s) waits %i ms', (attempt, base, max, random, expected) => {
		expect(retryDelayMs(attempt, base, max, () => random)).toBe(expected);
	});

	it('never waits longer than retry_max_delay nor less than half the capped delay', () => {
		for (let attempt = 1; attempt < 20; attempt++) {
			const capped = Math.min(30, 2 ** (attempt - 1)) * 1000;
			const delay = retryDelayMs(attempt, 1, 30);
			expect(delay).toBeLessThanOrEqual(30_000);
			expect(delay).toBeGreaterThanOrEqual(capped / 2);
		}
	});
});

describe('withRetry', () => {
	let waits: number[] = [];
	const noSleep = async (ms: number, signal?: AbortSignal) => {
		waits.push(ms);
		return !signal?.aborted;
	};

	it('retries a transient result `retries` times and returns the last one', async () => {
		waits = [];
		const seen: number[] = [];
		const outcome = await withRetry(
			async attempt => {
				seen.push(attempt);
				return 'unreachable';
			},
			{retries: 3, isRetryable: r => r === 'unreachable', baseSeconds: 1, maxSeconds: 30, sleep: noSleep, random: () => 1},
		);
		expect(outcome).toEqual({result: 'unreachable', attempts: 4});
		expect(seen).toEqual([1, 2, 3, 4]);
		expect(waits).toEqual([1000, 2000, 4000]);
	});

	it('stops at the first success', async () => {
		waits = [];
		const outcome = await withRetry(async attempt => (attempt < 2 ? 'timeout' : 'pushed'), {
			retries: 5,
			isRetryable: r => r === 'timeout',
			baseSeconds: 1,
			maxSeconds: 30,
			sleep: noSleep,
		});
		expect(outcome).toEqual({result: 'pushed', attempts: 2});
		expect(waits).toHaveLength(1);
	});

	it('does not retry what is not retryable (auth, rejected, hook)', async () => {
		waits = [];
		let runs = 0;
		const outcome = await withRetry(
			async () => {
				runs++;
				return 'auth-failed';
			},
			{retries: 3, isRetryable: r => r === 'unreachable', baseSeconds: 1, maxSeconds: 30, sleep: noSleep},
		);
		expect(outcome.attempts).toBe(1);
		expect(runs).toBe(1);
		expect(waits).toEqual([]);
	});

	it('with retries 0 runs once', async () => {
		const outcome = await withRetry(async () => 'unreachable', {retries: 0, isRetryable: () => true, baseSeconds: 1, maxSeconds: 1, sleep: noSleep});
		expect(outcome.attempts).toBe(1);
	});

	it('an abort during the wait ends it at once with the last result', async () => {
		const controller = new AbortController();
		let runs = 0;
		const pending = withRetry(
			async () => {
				runs++;
				return 'unreachable';
			},
			// A real, hour-long sleep: only the abort can end it.
			{retries: 3, isRetryable: () => true, baseSeconds: 3600, maxSeconds: 3600, signal: controller.signal},
		);
		controller.abort();
		const outcome = await pending;
		expect(outcome).toEqual({result: 'unreachable', attempts: 1});
		expect(runs).toBe(1);
	});

	it('reports each retry before waiting', async () => {
		const retries: number[] = [];
		await withRetry(async () => 'x', {
			retries: 2,
			isRetryable: () => true,
			baseSeconds: 0,
			maxSeconds: 0,
			onRetry: info => retries.push(info.retry),
		});
		expect(retries).toEqual([1, 2]);
	});
});

describe('abortableSleep', () => {
	it('resolves true after the delay and false when aborted', async () => {
		expect(await abortableSleep(1)).toBe(true);
		const controller = new AbortController();
		controller.abort();
		expect(await abortableSleep(3_600_000, controller.signal)).toBe(false);
		const later = new AbortController();
		const sleeping = abortableSleep(3_600_000, later.signal);
		later.abort();
		expect(await sleeping).toBe(false);
	});
});
