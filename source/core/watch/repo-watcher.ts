import {watch, type FSWatcher} from 'node:fs';
import path from 'node:path';
import {privateNamespace} from '../tags/private-refs.js';
import {watchTree, type TreeWatch} from './dir-tree.js';

/**
 * Tells when the repository changed under us (SPEC §5 "Live"): a commit, a branch switch, a
 * `git fetch` or `git push` made in another shell, a remote added. It watches, with inotify
 * (fs.watch), never by polling:
 * - the git dir of this work tree: HEAD (per worktree), FETCH_HEAD;
 * - the common dir: packed-refs, config (the remotes), and every directory under refs/ (local
 *   branches, remote-tracking refs, tags; dir-tree.ts), except our own refs/remote-sync, which
 *   only our fetch writes (and it refreshes the rows itself).
 * Bursts (a fetch rewrites many refs) are debounced into one "changed". A watcher that fails
 * (no inotify watches left: ENOSPC, a removed directory) is closed and reported once through
 * `onError`; the others keep working, and the dashboard still refreshes on its interval.
 */

export type WatchedDirs = {gitDir: string; commonDir: string};

export type RepoWatcher = {close(): void};

export type WatchOptions = {
	onChange(): void;
	onError(message: string): void;
	/** Quiet time before a burst of changes is reported (default 100 ms). */
	debounceMs?: number;
};

// What git rewrites (by renaming `<name>.lock` over it) when the state we show changes.
const topLevelNames = new Set(['HEAD', 'FETCH_HEAD', 'packed-refs', 'config']);

export function watchRepository(dirs: WatchedDirs, options: WatchOptions): RepoWatcher {
	const debounceMs = options.debounceMs ?? 100;
	const watchers: FSWatcher[] = [];
	const trees: TreeWatch[] = [];
	let timer: NodeJS.Timeout | undefined;
	let closed = false;
	let reported = false;

	const changed = (): void => {
		if (closed) return;
		clearTimeout(timer);
		timer = setTimeout(() => {
			if (!closed) options.onChange();
		}, debounceMs);
		timer.unref?.();
	};

	const failed = (where: string, error: unknown): void => {
		if (closed || reported) return;
		reported = true;
		const code = (error as NodeJS.ErrnoException | undefined)?.code;
		const why = code === 'ENOSPC' ? 'the system has no file watches left (raise fs.inotify.max_user_watches)' : error instanceof Error ? error.message : String(error);
		options.onError(`cannot watch ${where}: ${why}; changes made outside show at the next refresh (press R)`);
	};

	const add = (dir: string, relevant: (name: string) => boolean): void => {
		try {
			const watcher = watch(dir, {persistent: false}, (_event, name) => {
				// No name: the platform could not say what changed, so assume it matters.
				if (name === null || relevant(name.toString())) changed();
			});
			watcher.on('error', error => {
				watcher.close();
				failed(dir, error);
			});
			watchers.push(watcher);
		} catch (error) {
			failed(dir, error);
		}
	};

	const topLevel = (name: string) => topLevelNames.has(name);
	add(dirs.gitDir, topLevel);
	if (path.resolve(dirs.commonDir) !== path.resolve(dirs.gitDir)) add(dirs.commonDir, topLevel);
	// Lock files come and go around every ref update; the rename onto the real name is what counts.
	const refs = path.join(dirs.commonDir, 'refs');
	const ours = path.join(dirs.commonDir, privateNamespace);
	trees.push(
		watchTree(refs, {
			onEvent: (_dir, name) => {
				if (name === null || !name.endsWith('.lock')) changed();
			},
			onError: failed,
			skip: dir => `${dir}${path.sep}` === ours,
		}),
	);

	return {
		close() {
			closed = true;
			clearTimeout(timer);
			for (const watcher of watchers) watcher.close();
			for (const tree of trees) tree.close();
		},
	};
}
