import {lstatSync, readdirSync, watch, type FSWatcher} from 'node:fs';
import path from 'node:path';

/**
 * Watches every directory of a tree, each with its own non-recursive fs.watch (one inotify
 * watch per directory): a change to a file inside one is reported by its directory's watch.
 * Not `fs.watch(root, {recursive: true})`: on Linux, Node 20 builds that by walking the tree
 * synchronously and adding a watch for every *file* — for refs/ with 1,000 refs, 1,042 watches
 * and ~45 ms of blocked event loop; with thousands of tags, past the system's inotify limit.
 * Directories made later (a new remote, a branch named feature/x) are taken in when they
 * appear; removed ones are let go. `skip` leaves a subtree out (our own refs/remote-sync).
 */

export type TreeEvents = {
	/** A file or directory named `name` changed in `dir` (null: the platform could not say what). */
	onEvent(dir: string, name: string | null): void;
	/** A directory that exists could not be watched (ENOSPC: no inotify watches left). */
	onError(dir: string, error: unknown): void;
	skip?(dir: string): boolean;
};

export type TreeWatch = {close(): void; watchedDirs(): string[]};

const gone = (error: unknown) => ['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException | undefined)?.code ?? '');

export function watchTree(root: string, events: TreeEvents): TreeWatch {
	const watchers = new Map<string, FSWatcher>();
	let closed = false;

	const release = (dir: string): void => {
		for (const [watched, watcher] of watchers) {
			if (watched === dir || watched.startsWith(`${dir}${path.sep}`)) {
				watcher.close();
				watchers.delete(watched);
			}
		}
	};

	const adopt = (dir: string): void => {
		if (closed || watchers.has(dir) || events.skip?.(dir)) return;
		let entries;
		try {
			const watcher = watch(dir, {persistent: false}, (event, name) => {
				const entry = name === null ? null : name.toString();
				events.onEvent(dir, entry);
				// A name that came or went: a directory to take in, or one to let go.
				if (event === 'rename' && entry !== null) follow(path.join(dir, entry));
			});
			watcher.on('error', error => {
				release(dir);
				if (!gone(error)) events.onError(dir, error);
			});
			watchers.set(dir, watcher);
			entries = readdirSync(dir, {withFileTypes: true});
		} catch (error) {
			release(dir);
			if (!gone(error)) events.onError(dir, error);
			return;
		}

		for (const entry of entries) if (entry.isDirectory()) adopt(path.join(dir, entry.name));
	};

	const follow = (target: string): void => {
		let isDirectory = false;
		try {
			// lstat: a symbolic link is never followed out of the tree (readdir's entries do not follow them either).
			isDirectory = lstatSync(target).isDirectory();
		} catch {
			// Gone: a removed directory, or a lock file renamed away.
		}

		if (isDirectory) adopt(target);
		else release(target);
	};

	adopt(root);
	return {
		close() {
			closed = true;
			for (const watcher of watchers.values()) watcher.close();
			watchers.clear();
		},
		watchedDirs: () => [...watchers.keys()],
	};
}
