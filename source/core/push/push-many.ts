import pLimit from 'p-limit';
import type {OperationResult} from '../model.js';
import {pushOne, type PushRequest} from './push-one.js';

/**
 * Many pushes at once (SPEC §4): up to `maxWorkers` in parallel, or one after another in
 * the given (priority) order. Each request gets its own result, in input order; a failure
 * or a slow remote never stops the others. After an abort, requests that had not started
 * are reported as interrupted without running anything. Never throws.
 */

export type PushManyOptions = {
	/** Already sorted by priority: results come back in this order. */
	requests: readonly PushRequest[];
	parallel: boolean;
	maxWorkers: number;
	signal?: AbortSignal;
};

function interrupted(request: PushRequest): OperationResult {
	return {
		remote: request.remote.name,
		branch: request.branch,
		sha: request.localSha,
		status: 'failed',
		errorClass: 'interrupted',
		attempts: 0,
		durationMs: 0,
		message: `push of ${request.branch} to ${request.remote.name} did not start: interrupted`,
		error: 'interrupted before it started — run it again',
	};
}

function withSignal(request: PushRequest, signal: AbortSignal | undefined): PushRequest {
	if (!signal) return request;
	return {...request, signal: request.signal ? AbortSignal.any([signal, request.signal]) : signal};
}

export async function pushMany(options: PushManyOptions): Promise<OperationResult[]> {
	const workers = options.parallel ? Math.max(1, Math.floor(options.maxWorkers)) : 1;
	const limit = pLimit(workers);
	return Promise.all(
		options.requests.map(async request =>
			limit(async () => {
				const own = withSignal(request, options.signal);
				if (own.signal?.aborted) return interrupted(request);
				return pushOne(own);
			}),
		),
	);
}
