import {runGit, type GitOutput} from '../git/runner.js';
import {traceLocalHook, type LocalHookState} from './local-hook.js';
import {holdPushFiles, type PushFiles} from './push-files.js';
import {parseProgressLine, progressGate} from './progress.js';
import type {PushRequest} from './push-request.js';

/** A push's output, and whether the repository's own pre-push hook was what it waited on. */
export type PushOutput = GitOutput & {localHook: LocalHookState};

const pushOutputBytes = 16 * 1024 * 1024;

/** One `git push` process for a request: its timeout, its abort signal, its progress events. */
export async function runPushCommand(request: PushRequest, args: string[]): Promise<PushOutput> {
	const files = await holdPushFiles();
	try {
		return await runWithFiles(request, args, files);
	} finally {
		files.release();
	}
}

async function runWithFiles(request: PushRequest, args: string[], files: PushFiles): Promise<PushOutput> {
	const trace = traceLocalHook(files.trace2);
	const onProgress = request.onProgress && progressGate(request.onProgress);
	let output: GitOutput;
	try {
		output = await runGit({
			args,
			cwd: request.cwd,
			timeoutMs: request.remote.timeoutSeconds * 1000,
			stallTimeoutMs: request.remote.stallTimeoutSeconds * 1000,
			signal: request.signal,
			env: trace.env,
			// git redraws --progress on every percent: read as a file, not a wakeup per redraw.
			stderrFile: files.stderr,
			// A push's answer is a few porcelain lines and progress: a remote that floods stderr
			// past this is ended (it costs memory and, in the stderr file, disk up to this much).
			maxBuffer: pushOutputBytes,
			onStderrLine: onProgress
				? line => {
						const progress = parseProgressLine(line);
						if (progress) onProgress(progress);
					}
				: undefined,
		});
	} catch (error) {
		// git missing (GitNotFoundError): still remove the trace file.
		await trace.finish(false);
		throw error;
	}

	return {...output, localHook: await trace.finish(output.exitCode !== 0 || output.timedOut)};
}
