import type {ResolvedRemote} from '../config/schema.js';
import {classifyStderr, failureFrom, hintFor, stallFailure} from '../git/classify.js';
import {redactUrl} from '../git/redact.js';
import {runGit, type GitOutput} from '../git/runner.js';
import type {ErrorClass, HealthResult, ReachClass} from '../model.js';

/**
 * Is the remote there, and how fast does it answer (SPEC §3, §4)? A cheap `git ls-remote`:
 * `--heads` asks a protocol-v2 server for branches only, and the pattern keeps our own
 * output empty. It runs non-interactively with `timeoutSeconds`, so a host that wants a
 * password is `auth-failed` and a black hole is `timeout`, never a hang.
 */

export type ProbeInput = {
	cwd: string;
	remote: ResolvedRemote;
	timeoutSeconds: number;
	signal?: AbortSignal;
	onCommand?: (out: GitOutput) => void;
};

// A branch name nobody has: the server still answers (proving it is reachable) and we print nothing.
const probePattern = 'refs/heads/remote-sync-health-probe';

/** The argv of the probe, or the error that stops it from running. */
export function probeArgs(remote: ResolvedRemote): string[] | string {
	if (!remote.inGit && !remote.url) {
		return `remote ${remote.name} has no URL — add "url" to remotes.${remote.name} in .remotesyncrc.json, or run: git remote add ${remote.name} <url>`;
	}

	const target = remote.inGit ? remote.name : remote.url!;
	if (!remote.inGit && target.startsWith('-')) return `the URL of remote ${remote.name} starts with "-": refusing to pass it to git — fix remotes.${remote.name}.url`;
	return ['ls-remote', '--heads', '--', target, probePattern];
}

export async function probeRemote(input: ProbeInput): Promise<HealthResult> {
	const {remote, timeoutSeconds} = input;
	const base = {name: remote.name, url: redactUrl(remote.url), ...(remote.vpn ? {vpn: remote.vpn.name} : {})};
	const args = probeArgs(remote);
	if (typeof args === 'string') return {...base, reachable: false, class: 'other', latencyMs: 0, error: args};

	const out = await runGit({
		args,
		cwd: input.cwd,
		timeoutMs: Math.round(timeoutSeconds * 1000),
		stallTimeoutMs: Math.round(remote.stallTimeoutSeconds * 1000),
		signal: input.signal,
	});
	input.onCommand?.(out);
	if (out.exitCode === 0 && !out.timedOut && !out.aborted) return {...base, reachable: true, class: 'reachable', latencyMs: out.durationMs};
	if (out.stalled) {
		const failure = stallFailure(out, `health check of ${remote.name}`);
		return {...base, reachable: false, class: 'timeout', latencyMs: out.durationMs, error: `${failure.message} — ${failure.hint}`};
	}

	if (out.timedOut) {
		return {...base, reachable: false, class: 'timeout', latencyMs: out.durationMs, error: `no answer from ${remote.name} within ${timeoutSeconds} s — check the network or VPN, or raise "health_check_timeout"`};
	}

	if (out.aborted) return {...base, reachable: false, class: 'other', latencyMs: out.durationMs, error: `health check of ${remote.name} was interrupted — run it again`};
	const cls = classifyStderr(out.stderr);
	const failure = failureFrom(cls, out.stderr, `git ls-remote failed (exit code ${out.exitCode ?? 'unknown'})`, remote.url);
	return {...base, reachable: false, class: reachClass(cls), latencyMs: out.durationMs, error: `${failure.message} — ${failure.hint ?? hintFor(cls)}`};
}

function reachClass(cls: ErrorClass): ReachClass {
	switch (cls) {
		case 'unreachable':
		case 'auth-failed':
		case 'host-key':
		case 'timeout':
		case 'not-found':
		case 'vpn-down':
			return cls;
		case 'rejected':
		case 'hook-failed':
		case 'interrupted':
		case 'other':
			return 'other';
		default: {
			const exhaustive: never = cls;
			return exhaustive;
		}
	}
}
