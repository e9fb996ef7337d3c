import {timerMs} from './timer-limit.js';

/**
 * Retry with exponential backoff (SPEC §4 Retry): only what `isRetryable` accepts is tried
 * again, `retries` extra times, waiting `retry_base_delay · 2^(n-1)` capped at
 * `retry_max_delay`, with jitter so that many remotes failing together do not retry in
 * lock-step.
 *
 * Jitter is "equal jitter": the delay is uniform in [capped/2, capped]. Unlike "full
 * jitter" it never collapses to ~0 (a dead host is not hammered), and unlike ±50% it never
 * goes over `retry_max_delay`, which users set as a promise.
 */

/** Delay in ms before retry number `attempt` (1 = the first retry). */
export function retryDelayMs(attempt: number, baseSeconds: number, maxSeconds: number, random: () => number = Math.random): number {
	const exponent = Math.max(0, attempt - 1);
	const capped = Math.min(Math.max(0, maxSeconds), Math.max(0, baseSeconds) * 2 ** exponent);
	const jittered = capped / 2 + (random() * capped) / 2;
	return Math.round(jittered * 1000);
}

/** Resolves true after `ms`, or false as soon as `signal` aborts (never rejects). */
export async function abortableSleep(ms: number, signal?: AbortSignal): Promise<boolean> {
	if (signal?.aborted) return false;
	return new Promise(resolve => {
		const onAbort = () => {
			clearTimeout(timer);
			resolve(false);
		};

		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve(true);
		}, timerMs(ms));
		signal?.addEventListener('abort', onAbort, {once: true});
	});
}

export type RetryOptions<T> = {
	/** Extra attempts after the first (the remote's `retry`). */
	retries: number;
	isRetryable: (result: T) => boolean;
	baseSeconds: number;
	maxSeconds: number;
	signal?: AbortSignal;
	/** Injected in tests; must resolve false when aborted. */
	sleep?: (ms: number, signal?: AbortSignal) => Promise<boolean>;
	random?: () => number;
	/** Told before each wait, `retry` counting from 1: for the log ("retry 2 of 3 in 1.4 s"). */
	onRetry?: (info: {retry: number; delayMs: number; last: T}) => void;
};

export type RetryOutcome<T> = {result: T; attempts: number};

/**
 * Runs `run(attempt)` (attempt counts from 1) until it returns something not retryable,
 * the retries are used up, or `signal` aborts; returns the last result. `run` is expected
 * to report failures as values, not throw: a throw propagates unchanged.
 */
export async function withRetry<T>(run: (attempt: number) => Promise<T>, options: RetryOptions<T>): Promise<RetryOutcome<T>> {
	const sleep = options.sleep ?? abortableSleep;
	const retries = Math.max(0, Math.floor(options.retries));
	let attempt = 1;
	let result = await run(attempt);
	while (attempt <= retries && options.isRetryable(result) && !options.signal?.aborted) {
		const delayMs = retryDelayMs(attempt, options.baseSeconds, options.maxSeconds, options.random);
		options.onRetry?.({retry: attempt, delayMs, last: result});
		const slept = await sleep(delayMs, options.signal);
		if (!slept) break;
		attempt++;
		result = await run(attempt);
	}

	return {result, attempts: attempt};
}
