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

export function sshBatchCommand(inherited: NodeJS.ProcessEnv, connectTimeoutSeconds: number): string | undefined {
	// ssh refuses a ConnectTimeout past what a 32-bit int holds ("invalid time value").
	const seconds = Number.isFinite(connectTimeoutSeconds) ? Math.min(Math.max(1, Math.ceil(connectTimeoutSeconds)), 2_147_483) : 2_147_483;
	const batch = `-o BatchMode=yes -o ConnectTimeout=${seconds}`;
	if (inherited.GIT_SSH_COMMAND) return `${inherited.GIT_SSH_COMMAND} ${batch}`;
	// GIT_SSH names a program that takes no options: leave it alone, stdin is closed anyway.
	if (inherited.GIT_SSH) return undefined;
	return `ssh ${batch}`;
}

export function gitEnvironment(inherited: NodeJS.ProcessEnv, connectTimeoutSeconds = 30): Record<string, string> {
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
	const ssh = sshBatchCommand(inherited, connectTimeoutSeconds);
	if (ssh) env.GIT_SSH_COMMAND = ssh;
	return env;
}
