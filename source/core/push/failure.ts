import {failureFrom, classifyStderr, hintFor, stallFailure} from '../git/classify.js';
import type {GitOutput} from '../git/runner.js';
import type {GitFailure} from '../model.js';

export type FailureContext = {
	remote: string;
	timeoutSeconds: number;
	/** What was being done, for the message: "push to origin", "ls-remote of origin". */
	doing: string;
	/** The remote's URL: names the host in a host-key hint. */
	url?: string;
};

/**
 * Turns a git call that did not succeed into a failure a user can act on. A timeout or an
 * abort is decided by us, not by git's words, so it is checked before reading stderr.
 */
export function failureOf(output: GitOutput, context: FailureContext): GitFailure {
	if (output.aborted) {
		return {class: 'interrupted', message: `${context.doing} was interrupted`, hint: hintFor('interrupted')};
	}

	if (output.stalled) return stallFailure(output, context.doing);
	if (output.timedOut) {
		return {
			class: 'timeout',
			message: `${context.remote} did not answer within ${context.timeoutSeconds} s (${context.doing})`,
			hint: hintFor('timeout'),
		};
	}

	return failureFrom(classifyStderr(output.stderr), output.stderr, `${context.doing} failed (git exit code ${output.exitCode ?? 'none'})`, context.url);
}

/** "message — what to do next", the form every `error` field takes. */
export function describeFailure(failure: GitFailure): string {
	return failure.hint ? `${failure.message} — ${failure.hint}` : failure.message;
}
