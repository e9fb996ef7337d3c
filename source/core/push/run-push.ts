import {runGit, type GitOutput} from '../git/runner.js';
import {parseProgressLine} from './progress.js';
import type {PushRequest} from './push-one.js';

/** One `git push` process for a request: its timeout, its abort signal, its progress events. */
export async function runPushCommand(request: PushRequest, args: string[]): Promise<GitOutput> {
	return runGit({
		args,
		cwd: request.cwd,
		timeoutMs: request.remote.timeoutSeconds * 1000,
		stallTimeoutMs: request.remote.stallTimeoutSeconds * 1000,
		signal: request.signal,
		onStderrLine: request.onProgress
			? line => {
					const progress = parseProgressLine(line);
					if (progress) request.onProgress?.(progress);
				}
			: undefined,
	});
}
