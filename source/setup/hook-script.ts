/**
 * The git hooks `install-hook` writes. They run a headless push, never block the user's own
 * commit or push, and never recurse: every git process remote-sync starts carries
 * REMOTE_SYNC_HOOK_ACTIVE (hook-guard.ts), and a hook that sees it does nothing of its own.
 * A chained user hook still runs then: git runs pre-push for every push, and the user's hook
 * keeps its say over each of them.
 */
export type HookKind = 'pre-push' | 'post-commit';

export const hookMarker = '# remote-sync hook (managed by `remote-sync install-hook`; remove with `remote-sync uninstall-hook`)';
/** The user's own hook, kept byte for byte beside ours and run first. */
export const chainedSuffix = '.before-remote-sync';

/** One single-quoted shell word, whatever `value` holds. */
export const shellQuote = (value: string) => `'${value.replaceAll("'", "'\\''")}'`;

/**
 * `remote_sync ARGS`: the command install-hook recorded (this node and this script, so no
 * global install is needed), or `remote-sync` on PATH once those files are gone (node
 * upgraded, checkout moved). A hook that finds neither says so and lets git carry on.
 */
function runnerFunction(command: readonly string[]): string[] {
	const run = command.map(part => shellQuote(part)).join(' ');
	const files = command.filter(part => part.startsWith('/'));
	const present = files.length > 0 ? files.map(file => `[ -e ${shellQuote(file)} ]`).join(' && ') : 'true';
	return [
		'remote_sync() {',
		`\tif ${present}; then`,
		`\t\t${run} "$@"`,
		'\telif command -v remote-sync >/dev/null 2>&1; then',
		'\t\tremote-sync "$@"',
		'\telse',
		'\t\techo "remote-sync hook: remote-sync is not installed any more; reinstall it and run remote-sync install-hook, or run remote-sync uninstall-hook" >&2',
		'\tfi',
		'}',
	];
}

function prePushBody(): string[] {
	const chained = `"$0${chainedSuffix}"`;
	return [
		'# pre-push reads "<local ref> <local sha> <remote ref> <remote sha>" lines on stdin:',
		'# keep them for the chained hook and to know which branches are being pushed.',
		'input=$(cat)',
		`if [ -x ${chained} ]; then`,
		`\t{ [ -z "$input" ] || printf '%s\\n' "$input"; } | ${chained} "$@" || exit $?`,
		'fi',
		'[ -n "$REMOTE_SYNC_HOOK_ACTIVE" ] && exit 0',
		'# Push each branch being pushed to the other remotes; the one git is pushing ($1) is its own job.',
		'printf \'%s\\n\' "$input" | while read -r local_ref local_sha _remote_ref _remote_sha; do',
		'\tcase "$local_ref" in refs/heads/*) ;; *) continue ;; esac',
		'\tcase "$local_sha" in *[!0]*) ;; *) continue ;; esac # all zeros: a branch being deleted',
		'\tREMOTE_SYNC_HOOK_REMOTE="$1" remote_sync --push --quiet --branch="${local_ref#refs/heads/}" </dev/null || true',
		'done',
		'exit 0',
	];
}

function postCommitBody(): string[] {
	const chained = `"$0${chainedSuffix}"`;
	return [
		`if [ -x ${chained} ]; then`,
		`\t${chained} "$@" || exit $?`,
		'fi',
		'[ -n "$REMOTE_SYNC_HOOK_ACTIVE" ] && exit 0',
		'# A detached HEAD (rebase, bisect) has no branch to sync: it is pushed once it lands on one.',
		'git symbolic-ref -q HEAD >/dev/null || exit 0',
		'remote_sync --push --quiet </dev/null || true',
		'exit 0',
	];
}

/** The whole hook file for `kind`, running `command` (argv of the remote-sync program). */
export function hookScript(kind: HookKind, command: readonly string[]): string {
	const body = kind === 'pre-push' ? prePushBody() : postCommitBody();
	return `${['#!/bin/sh', hookMarker, '', ...runnerFunction(command), '', ...body].join('\n')}\n`;
}

export function isOurHook(text: string): boolean {
	return text.includes(hookMarker);
}
