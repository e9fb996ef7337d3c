import {rmSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import type {GitOutput} from '../git/runner.js';

/**
 * Which side a push that hung or failed was waiting on: the repository's own pre-push hook, or
 * the remote. git runs pre-push after connecting and reading the remote's refs, so from the
 * outside a hook that hangs looks exactly like a remote that stopped answering (and would be
 * retried and queued as one). git's trace2 event stream says it: a `child_start` of class
 * "hook" named "pre-push", then its `child_exit` with the hook's exit code, or none when it was
 * still running as the push was stopped. Each push writes the stream to its own private file
 * (push-files.ts).
 */

export type LocalHookState =
	/** The hook never ran (none installed, or git stopped before reaching it). */
	| {kind: 'not-run'}
	/** Started and never finished: the push was stopped while the hook ran. */
	| {kind: 'running'; hook: string}
	| {kind: 'exited'; hook: string; code: number};

export type HookTrace = {
	/** Environment for the `git push`. */
	env: Record<string, string>;
	/**
	 * What the stream says once git has ended; removes the file. A push git finished with exit
	 * 0 needs no reading: a hook that refused it would have made git fail.
	 */
	finish(wanted: boolean): Promise<LocalHookState>;
};

/** `file`: where git is to write the stream (push-files.ts), a path no file has yet. */
export function traceLocalHook(file: string): HookTrace {
	return {
		env: {GIT_TRACE2_EVENT: file},
		async finish(wanted) {
			const text = wanted ? await readFile(file, 'utf8').catch(() => '') : '';
			rmSync(file, {force: true});
			return prePushState(text);
		},
	};
}

type TraceEvent = {event?: unknown; sid?: unknown; child_id?: unknown; child_class?: unknown; hook_name?: unknown; argv?: unknown; code?: unknown};

/** Reads the events of the `git push` process itself (nested git processes have a "/" in their sid). */
export function prePushState(stream: string): LocalHookState {
	let started: {id: number; hook: string} | undefined;
	for (const line of stream.split('\n')) {
		const event = parse(line);
		if (!event || typeof event.sid !== 'string' || event.sid.includes('/')) continue;
		if (event.event === 'child_start' && event.child_class === 'hook' && event.hook_name === 'pre-push' && typeof event.child_id === 'number') {
			const argv = Array.isArray(event.argv) && typeof event.argv[0] === 'string' ? event.argv[0] : 'pre-push';
			started = {id: event.child_id, hook: argv};
		} else if (event.event === 'child_exit' && started && event.child_id === started.id) {
			return {kind: 'exited', hook: started.hook, code: typeof event.code === 'number' ? event.code : -1};
		}
	}

	return started ? {kind: 'running', hook: started.hook} : {kind: 'not-run'};
}

function parse(line: string): TraceEvent | undefined {
	if (!line.startsWith('{')) return undefined;
	try {
		const value: unknown = JSON.parse(line);
		return typeof value === 'object' && value !== null ? (value as TraceEvent) : undefined;
	} catch {
		return undefined;
	}
}

type Blame = {status: 'failed'; errorClass: 'hook-failed'; message: string; error: string};

/**
 * The failure of a push that never got a ref report, when the local pre-push hook is to
 * blame: it was still running when the push was stopped, or it exited non-zero. Not the
 * remote's fault, so never retried or queued (class hook-failed). Undefined otherwise.
 */
export function blameLocalHook(options: {state: LocalHookState; output: GitOutput; remote: string; branch: string; timeoutSeconds: number}): Blame | undefined {
	const {state, output, remote, branch} = options;
	const skip = `fix it, or skip it for one push with: git push --no-verify ${remote} ${branch}`;
	if (state.kind === 'running' && output.timedOut) {
		// Stopped by stall_timeout (silent that long) or by the remote's timeout, whichever came first.
		const seconds = output.stalled && output.stallTimeoutMs !== undefined ? Math.round(output.stallTimeoutMs / 100) / 10 : options.timeoutSeconds;
		const message = `the local pre-push hook ${state.hook} did not finish within ${seconds} s (the push to ${remote} was waiting on it, not on ${remote})`;
		return {status: 'failed', errorClass: 'hook-failed', message, error: `${message} — ${skip}`};
	}

	if (state.kind === 'exited' && state.code !== 0) {
		const said = hookWords(output.stderr);
		const message = `the local pre-push hook ${state.hook} refused the push to ${remote} (exit ${state.code})${said ? `: ${said}` : ''}`;
		return {status: 'failed', errorClass: 'hook-failed', message, error: `${message} — ${skip}`};
	}

	return undefined;
}

/** The hook's own last lines: stderr without git's "failed to push" summary. */
function hookWords(stderr: string): string {
	return stderr
		.split(/\r?\n/)
		.map(line => line.trim())
		.filter(line => line.length > 0 && !/^error: failed to push some refs/.test(line))
		.slice(-3)
		.join('; ');
}
