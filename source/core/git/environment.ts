/**
 * The environment every git process runs in: never interactive, stable output, no
 * inherited repository overrides. The user's own ssh and credential setup stays in force;
 * we only forbid it from asking a question.
 */

// Variables that would point git at another repository than the one we were given.
const repositoryOverrides = [
	'GIT_DIR',
	'GIT_WORK_TREE',
	'GIT_INDEX_FILE',
	'GIT_OBJECT_DIRECTORY',
	'GIT_ALTERNATE_OBJECT_DIRECTORIES',
	'GIT_COMMON_DIR',
	'GIT_NAMESPACE',
	'GIT_PREFIX',
];

/** What bounds a network git process by itself, even once we are gone (SECURITY.md "No orphans"). */
export type NetworkLimits = {
	/** How long connecting may take (the remote's timeout). */
	connectTimeoutSeconds: number;
	/** How long the link may stay silent (stall_timeout) before ssh or curl gives up. */
	silenceSeconds: number;
	/** The user's `core.sshCommand` as git would read it in this repository, if set. */
	configuredSshCommand?: string;
};

// ssh refuses a time past what a 32-bit int holds ("invalid time value").
function sshSeconds(seconds: number): number {
	return Number.isFinite(seconds) ? Math.min(Math.max(1, Math.ceil(seconds)), 2_147_483) : 2_147_483;
}

/**
 * The ssh command git should run: the user's own (git's order: GIT_SSH_COMMAND, GIT_SSH,
 * core.sshCommand, plain ssh) with our options appended, so per-account keys, wrappers and
 * ~/.ssh/config (we never pass -F) keep working. BatchMode forbids prompts; ServerAlive*
 * makes ssh itself hang up on a server that stopped answering.
 *
 * core.sshCommand is re-exported as GIT_SSH_COMMAND (git ranks that first) rather than left
 * to git: exporting nothing would lose BatchMode and the connect and keep-alive bounds for
 * exactly the users who configured ssh, and git runs either value the same way (through
 * the shell, with the host and command appended).
 */
export function sshBatchCommand(inherited: NodeJS.ProcessEnv, limits: NetworkLimits): string | undefined {
	const interval = sshSeconds(limits.silenceSeconds / 3);
	const options = `-o BatchMode=yes -o ConnectTimeout=${sshSeconds(limits.connectTimeoutSeconds)} -o ServerAliveInterval=${interval} -o ServerAliveCountMax=3`;
	if (inherited.GIT_SSH_COMMAND) return `${inherited.GIT_SSH_COMMAND} ${options}`;
	// GIT_SSH names a program that takes no options: leave it alone, stdin is closed anyway.
	if (inherited.GIT_SSH) return undefined;
	if (limits.configuredSshCommand) return `${limits.configuredSshCommand} ${options}`;
	return `ssh ${options}`;
}

/** curl's own stall bound for http(s) remotes, unless the user set one in the environment. */
function httpLowSpeed(env: Record<string, string>, inherited: NodeJS.ProcessEnv, silenceSeconds: number): void {
	if (inherited.GIT_HTTP_LOW_SPEED_LIMIT !== undefined || inherited.GIT_HTTP_LOW_SPEED_TIME !== undefined) return;
	env.GIT_HTTP_LOW_SPEED_LIMIT = '1';
	env.GIT_HTTP_LOW_SPEED_TIME = String(sshSeconds(silenceSeconds));
}

/** `network` is given for calls that talk to a remote; local plumbing needs none of it. */
export function gitEnvironment(inherited: NodeJS.ProcessEnv, network?: NetworkLimits): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(inherited)) {
		if (value !== undefined && !repositoryOverrides.includes(key)) env[key] = value;
	}

	env.GIT_TERMINAL_PROMPT = '0';
	// An askpass program (GUI dialog) would also wait for a person: disable both kinds.
	env.GIT_ASKPASS = 'true';
	env.SSH_ASKPASS = 'true';
	env.SSH_ASKPASS_REQUIRE = 'never';
	env.GCM_INTERACTIVE = 'never';
	env.GIT_OPTIONAL_LOCKS = '0';
	env.LC_ALL = 'C';
	env.LANGUAGE = 'C';
	// Marks git processes we start: a pre-push hook they trigger must not sync again (setup/hook-guard.ts).
	env.REMOTE_SYNC_HOOK_ACTIVE = '1';
	if (network) {
		const ssh = sshBatchCommand(inherited, network);
		if (ssh) env.GIT_SSH_COMMAND = ssh;
		httpLowSpeed(env, inherited, network.silenceSeconds);
	}

	return env;
}
