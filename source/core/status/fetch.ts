import type {ResolvedRemote} from '../config/schema.js';
import {classifyStderr, failureFrom, hintFor, stallFailure} from '../git/classify.js';
import {redact} from '../git/redact.js';
import {runGit, type GitOutput} from '../git/runner.js';
import type {GitFailure} from '../model.js';
import {tagFetchRefspec} from '../tags/private-refs.js';
import {recordFetchTime} from './fetch-times.js';
import {fetchRefspecs, formatRefspec, readRemoteLayout, withMappedBranches, type RemoteLayout} from './refspecs.js';

/**
 * Fetch one remote into its remote-tracking refs (SPEC §4), non-interactively, with a
 * timeout that kills git and its helpers (ssh, git-remote-http). Status is computed from
 * these refs, so a remote known only by a config `url` is fetched into the same
 * refs/remotes/<name>/* a git remote would use.
 *
 * The refspecs are always explicit: the remote's own (narrow ones stay narrow), plus negative
 * ones for every other remote nested in its namespace, so `--prune` of `gh` never deletes the
 * tracking refs of `gh/mirror` (enabled or not), as a plain `git fetch --prune gh` would; plus
 * the branch_map targets they would not fetch (refspecs.ts withMappedBranches).
 */

export type FetchOutcome = {remote: string; ok: boolean; durationMs: number; failure?: GitFailure};

export type FetchInput = {
	cwd: string;
	remote: ResolvedRemote;
	timeoutSeconds: number;
	signal?: AbortSignal;
	/** Every git command run, for the log (argv already redacted). */
	onCommand?: (out: GitOutput) => void;
};

/** The argv of the fetch, or why it must not run. `--` keeps names and URLs from ever being options. */
export function fetchArgs(remote: ResolvedRemote, layout: RemoteLayout): string[] | GitFailure {
	// --progress: the stall watch needs git to show signs of life while objects move.
	const base = ['fetch', '--prune', '--no-tags', '--progress', '--'];
	// The remote's tags too, into our private namespace (never refs/tags: --no-tags stays).
	const refspecs = [...withMappedBranches(fetchRefspecs(layout, remote.name), remote).map(formatRefspec), tagFetchRefspec(remote.name)];
	if (remote.inGit) return [...base, remote.name, ...refspecs];
	if (remote.url === undefined || remote.url.length === 0) {
		return {
			class: 'other',
			message: `remote ${remote.name} has no URL`,
			hint: `add "url" to remotes.${remote.name} in .remotesyncrc.json, or run: git remote add ${remote.name} <url>`,
		};
	}

	// git itself blocks such URLs ("strange pathname"); say so plainly instead.
	if (remote.url.startsWith('-')) {
		return {class: 'other', message: `the URL of remote ${remote.name} starts with "-": refusing to pass it to git`, hint: `fix remotes.${remote.name}.url in the config`};
	}

	return [...base, remote.url, ...refspecs];
}

export async function fetchRemote(input: FetchInput): Promise<FetchOutcome> {
	const {remote, timeoutSeconds} = input;
	const args = fetchArgs(remote, await readRemoteLayout(input.cwd, input.signal));
	if (!Array.isArray(args)) return {remote: remote.name, ok: false, durationMs: 0, failure: args};

	const out = await runGit({
		args,
		cwd: input.cwd,
		timeoutMs: Math.round(timeoutSeconds * 1000),
		stallTimeoutMs: Math.round(remote.stallTimeoutSeconds * 1000),
		signal: input.signal,
	});
	input.onCommand?.(out);
	if (out.exitCode === 0 && !out.timedOut && !out.aborted) {
		// The time is a hint for the dashboard: failing to store it must not fail the fetch.
		await recordFetchTime(input.cwd, remote.name).catch(() => undefined);
		return {remote: remote.name, ok: true, durationMs: out.durationMs};
	}

	return {remote: remote.name, ok: false, durationMs: out.durationMs, failure: fetchFailure(remote.name, out, timeoutSeconds, remote.url)};
}

export function fetchFailure(name: string, out: GitOutput, timeoutSeconds: number, url?: string): GitFailure {
	if (out.stalled) return stallFailure(out, `fetch from ${name}`);
	if (out.timedOut) {
		return {class: 'timeout', message: `fetch from ${name} timed out after ${timeoutSeconds} s`, detail: redact(out.stderr).trim() || undefined, hint: hintFor('timeout')};
	}

	if (out.aborted) return {class: 'interrupted', message: `fetch from ${name} was interrupted`, hint: hintFor('interrupted')};
	return failureFrom(classifyStderr(out.stderr), out.stderr, `fetch from ${name} failed (git exit code ${out.exitCode ?? 'unknown'})`, url);
}
