/**
 * The git hooks `install-hook` writes. They run a headless push, never block the user's own
 * commit or push, and never recurse: the pushes they start carry REMOTE_SYNC_HOOK_ACTIVE,
 * and a hook that sees it does nothing.
 */
export type HookKind = 'pre-push' | 'post-commit';

export const hookMarker = '# remote-sync hook (managed by `remote-sync install-hook`; remove with `remote-sync uninstall-hook`)';
export const chainedSuffix = '.before-remote-sync';

const q = (value: string) => `'${value.replaceAll("'", "'\\''")}'`;

export function hookScript(kind: HookKind, command: string[]): string {
	const run = command.map(part => q(part)).join(' ');
	const chained = `"$0${chainedSuffix}"`;
	const lines = ['#!/bin/sh', hookMarker, ''];
	if (kind === 'pre-push') {
		lines.push(
			'# pre-push reads the refs being pushed on stdin: keep them for the chained hook.',
			'input=$(cat)',
			`if [ -x ${chained} ]; then`,
			`\tprintf '%s\\n' "$input" | ${chained} "$@" || exit $?`,
			'fi',
			'[ -n "$REMOTE_SYNC_HOOK_ACTIVE" ] && exit 0',
			'# Sync the other remotes; the one being pushed ($1) is git\'s own job.',
			`REMOTE_SYNC_HOOK_ACTIVE=1 REMOTE_SYNC_HOOK_REMOTE="$1" ${run} --push --quiet </dev/null || true`,
			'exit 0',
		);
	} else {
		lines.push(
			`if [ -x ${chained} ]; then`,
			`\t${chained} "$@" || exit $?`,
			'fi',
			'[ -n "$REMOTE_SYNC_HOOK_ACTIVE" ] && exit 0',
			`REMOTE_SYNC_HOOK_ACTIVE=1 ${run} --push --quiet </dev/null || true`,
			'exit 0',
		);
	}

	return `${lines.join('\n')}\n`;
}

export function isOurHook(text: string): boolean {
	return text.includes(hookMarker);
}
