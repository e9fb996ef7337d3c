/**
 * What the program does differently when a git hook started it.
 *
 * Every git process remote-sync runs carries REMOTE_SYNC_HOOK_ACTIVE (core/git/environment.ts).
 * A pre-push hook that one of our own pushes triggers — ours, or the pre-commit framework's
 * running `remote-sync --push` — therefore starts a remote-sync that must not push again:
 * it would push inside a push, without end, and a plain `remote-sync --push` would turn into
 * one full sync per remote.
 */
export const hookActiveVariable = 'REMOTE_SYNC_HOOK_ACTIVE';

/** Actions that push, and so would recurse from inside one of our pushes. */
export const pushingActions: readonly string[] = ['push', 'pushAll', 'processQueue'];

export function insideOwnPush(env: NodeJS.ProcessEnv): boolean {
	return (env[hookActiveVariable] ?? '').trim() !== '';
}

export const nestedPushNote = 'not pushing: this runs inside a push remote-sync started (REMOTE_SYNC_HOOK_ACTIVE is set), and pushing again would recurse';

/**
 * The remote git is pushing itself while a pre-push hook runs, which the hook's sync skips:
 * our hook passes it as REMOTE_SYNC_HOOK_REMOTE, the pre-commit framework as
 * PRE_COMMIT_REMOTE_NAME. git passes a URL instead of a name for `git push <url>`.
 */
export function remoteBeingPushed(env: NodeJS.ProcessEnv): string | undefined {
	const value = env.REMOTE_SYNC_HOOK_REMOTE?.trim() || env.PRE_COMMIT_REMOTE_NAME?.trim();
	return value || undefined;
}

export function withoutRemoteBeingPushed<T extends {name: string; url?: string}>(remotes: T[], env: NodeJS.ProcessEnv): T[] {
	const skip = remoteBeingPushed(env);
	return skip === undefined ? remotes : remotes.filter(remote => remote.name !== skip && remote.url !== skip);
}
