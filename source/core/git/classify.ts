import type {ErrorClass, GitFailure} from '../model.js';
import {redact} from './redact.js';
import type {GitOutput} from './runner.js';

/**
 * Maps git's stderr to a failure class. Order matters: git prints "Could not read from
 * remote repository" after both an auth and a network failure, so the specific causes
 * are tested before the generic ones. git runs with LC_ALL=C, so the English texts hold.
 */
const rules: Array<{cls: ErrorClass; pattern: RegExp}> = [
	{cls: 'hook-failed', pattern: /hook declined|pre-receive hook|update hook|remote rejected\]? .*hook/i},
	// Before auth: ssh ends a host key refusal with "Could not read from remote repository" too.
	{cls: 'host-key', pattern: /host key verification failed|remote host identification has changed|no \S+ host key is known for|host key for \S+ has changed/i},
	{cls: 'rejected', pattern: /\[rejected\]|non-fast-forward|fetch first|stale info|\(stale info\)|\[remote rejected\]|updates were rejected/i},
	{
		cls: 'auth-failed',
		pattern:
			/authentication failed|could not read (username|password)|terminal prompts disabled|permission denied|returned error: 40[13]|http 40[13]|invalid username or password|access denied/i,
	},
	{cls: 'not-found', pattern: /repository not found|does not appear to be a git repository|returned error: 404|http 404|not found|no such file or directory|couldn't find remote ref/i},
	{
		cls: 'unreachable',
		pattern:
			/could not resolve host|could not resolve hostname|name or service not known|connection refused|unable to connect|failed to connect|couldn't connect|network is unreachable|no route to host|connection reset|connection timed out|operation timed out|early eof|remote end hung up|the remote end hung up|unable to access|couldn't resolve|broken pipe|unexpected disconnect|ssl_error|gnutls/i,
	},
];

const hints: Record<ErrorClass, string> = {
	unreachable: 'check the network or VPN, then run --process-queue or press r',
	'auth-failed': "git needs credentials it could not get without a prompt: set up an SSH key, a credential helper, or run 'git fetch <remote>' once by hand",
	'host-key': "ssh does not know this server's host key, or it changed: verify the fingerprint with the server's owner, then add it (ssh-keyscan -p <port> <host> >> ~/.ssh/known_hosts, after checking it) or connect once by hand with ssh",
	timeout: 'the remote did not answer in time: raise "timeout" for this remote or check the link',
	rejected: 'the remote refused the update: fetch and integrate its changes, or review the force_push policy',
	'not-found': 'check the remote URL with: git remote -v',
	'hook-failed': "the remote's hook refused the push: read its message above",
	'vpn-down': 'connect the VPN, or check its commands with: remote-sync trust',
	interrupted: 'the operation was interrupted; run it again',
	other: 'run with --verbose to see git\'s full output',
};

export function classifyStderr(stderr: string): ErrorClass {
	for (const rule of rules) {
		if (rule.pattern.test(stderr)) return rule.cls;
	}

	return 'other';
}

/** Failures that may succeed if tried again: the only ones retried and queued. */
export function isTransient(cls: ErrorClass): boolean {
	return cls === 'unreachable' || cls === 'timeout';
}

export function hintFor(cls: ErrorClass): string {
	return hints[cls];
}

/** The last meaningful lines of git's stderr, redacted, without progress noise. */
export function summarizeStderr(stderr: string, maxLines = 4): string {
	const lines = redact(stderr)
		.split(/\r?\n|\r/)
		.map(line => line.trim())
		.filter(line => line.length > 0 && !/^(remote: )?(Counting|Compressing|Writing|Enumerating|Total|Resolving|Delta compression)/.test(line));
	return lines.slice(-maxLines).join('\n');
}

/** `url`: the remote's URL, to name the host in a host-key hint when ssh's words do not. */
export function failureFrom(cls: ErrorClass, stderr: string, fallback: string, url?: string): GitFailure {
	if (cls === 'host-key') return hostKeyFailure(stderr, url);
	const detail = summarizeStderr(stderr);
	const lines = detail.split('\n');
	const index = Math.max(0, lines.findIndex(line => /fatal|error|rejected|denied|refused|timed out/i.test(line)));
	let firstUseful = lines[index] ?? '';
	// git splits some causes over two lines ("unable to connect to host:" / "...errno=Connection refused").
	if (firstUseful.endsWith(':') && lines[index + 1]) firstUseful = `${firstUseful} ${lines[index + 1]!.replace(/^[^\s]*\[\d+: [^\]]*\]: /, '')}`;
	return {
		class: cls,
		message: firstUseful.length > 0 ? firstUseful.replace(/^(fatal|error): /, '') : fallback,
		detail: detail.length > 0 ? detail : undefined,
		hint: hintFor(cls),
	};
}

/**
 * A network call stopped because it went silent for stall_timeout: the host stopped
 * answering (a dead VPN, a black-holed route, a frozen server), not a slow transfer.
 */
export function stallFailure(output: GitOutput, doing: string): GitFailure {
	const seconds = Math.round((output.stallTimeoutMs ?? 0) / 100) / 10;
	return {
		class: 'timeout',
		message: `${doing}: no answer for ${seconds} s`,
		detail: summarizeStderr(output.stderr) || undefined,
		hint: 'the remote stopped answering: check the network or VPN, then try again (raise "stall_timeout" for a link that pauses this long)',
	};
}

/**
 * ssh refused the server's host key. The message keeps ssh's own words (the cause line and
 * "Host key verification failed."); the hint names the host and port it was about, so the
 * next step can be copied. We never accept a key on the user's behalf.
 */
export function hostKeyFailure(stderr: string, url?: string): GitFailure {
	const text = redact(stderr);
	const lines = text.split(/\r?\n|\r/).map(line => line.trim().replace(/^@+\s*|\s*@+$/g, '')).filter(line => line.length > 0);
	const cause = lines.find(line => /remote host identification has changed|no \S+ host key is known for|host key for \S+ has changed/i.test(line));
	const verdict = lines.find(line => /host key verification failed/i.test(line));
	const message = [cause, verdict].filter(Boolean).join(' ') || 'Host key verification failed.';
	const named = /(?:known for|key for) (\[[^\]\s]+\]:\d+|[^\s:]+)/i.exec(text)?.[1];
	const bracketed = named ? /^\[([^\]]+)\]:(\d+)$/.exec(named) : null;
	const fromUrl = url === undefined ? undefined : sshHostOf(url);
	const host = bracketed?.[1] ?? named ?? fromUrl?.host;
	const port = bracketed?.[2] ?? (named ? '22' : fromUrl?.port ?? '22');
	const where = port === '22' ? host : `[${host}]:${port}`;
	const hint = host
		? `ssh refused the host key of ${where}: verify its fingerprint with the server's owner, then add it (ssh-keyscan -p ${port} ${host} >> ~/.ssh/known_hosts, after checking what it prints) or connect once by hand: ssh -p ${port} ${host}`
		: hintFor('host-key');
	return {class: 'host-key', message, detail: summarizeStderr(stderr, 8) || undefined, hint};
}

/** Host and port of an ssh URL (`ssh://[user@]host[:port]/path` or scp-like `[user@]host:path`). */
export function sshHostOf(url: string): {host: string; port: string} | undefined {
	const full = /^(?:git\+)?ssh:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/]+)(?::(\d+))?\//i.exec(url);
	if (full) return {host: full[1]!.replace(/^\[|\]$/g, ''), port: full[2] ?? '22'};
	const scp = /^(?:[^@/:]+@)?([^:/]+):(?!\/\/)/.exec(url);
	return scp && !url.includes('://') ? {host: scp[1]!, port: '22'} : undefined;
}
