import {mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {watchTree} from '../../../source/core/watch/dir-tree.js';
import {onCleanup, tempDir, waitFor} from '../../harness/index.js';

/** The inotify watches this process holds, as the kernel counts them (one `inotify wd:` line each). */
function inotifyWatches(): number {
	let count = 0;
	for (const fd of readdirSync('/proc/self/fdinfo')) {
		try {
			count += readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8').split('\n').filter(line => line.startsWith('inotify wd:')).length;
		} catch {
			// Closed meanwhile.
		}
	}

	return count;
}

describe('watchTree', () => {
	it('watches directories, never the files in them, and leaves out what it is told to skip', () => {
		const root = tempDir();
		for (let r = 0; r < 5; r++) for (let b = 0; b < 200; b++) {
			mkdirSync(path.join(root, 'remotes', `r${r}`, 'feature'), {recursive: true});
			writeFileSync(path.join(root, 'remotes', `r${r}`, `b${b}`), 'sha\n');
		}
		mkdirSync(path.join(root, 'private', 'r0', 'tags'), {recursive: true});
		for (let t = 0; t < 500; t++) writeFileSync(path.join(root, 'private', 'r0', 'tags', `v${t}`), 'sha\n');
		const before = inotifyWatches();
		const tree = watchTree(root, {onEvent: () => undefined, onError: (_dir, error) => expect.fail(String(error)), skip: dir => dir === path.join(root, 'private')});
		onCleanup(() => tree.close());
		// 12 directories, 1,500 files: one watch per directory (Node's recursive fs.watch adds one per file).
		expect(inotifyWatches() - before).toBe(12);
		const relative = tree.watchedDirs().map(dir => path.relative(root, dir) || '.').toSorted();
		expect(relative).toEqual(['.', 'remotes', ...Array.from({length: 5}, (_, r) => [`remotes/r${r}`, `remotes/r${r}/feature`]).flat()].toSorted());
	});

	it('takes in a directory made later, and lets go of one removed', async () => {
		const root = tempDir();
		const seen: string[] = [];
		const tree = watchTree(root, {onEvent: (dir, name) => seen.push(path.relative(root, path.join(dir, name ?? ''))), onError: (_dir, error) => expect.fail(String(error))});
		onCleanup(() => tree.close());
		mkdirSync(path.join(root, 'a', 'b'), {recursive: true});
		await waitFor(() => tree.watchedDirs().includes(path.join(root, 'a', 'b')), {timeoutMs: 10_000});
		writeFileSync(path.join(root, 'a', 'b', 'ref'), 'sha\n');
		await waitFor(() => seen.includes(path.join('a', 'b', 'ref')), {timeoutMs: 10_000});
		rmSync(path.join(root, 'a'), {recursive: true});
		await waitFor(() => tree.watchedDirs().length === 1, {timeoutMs: 10_000});
	});

	it('never follows a symbolic link out of the tree, present at the start or made later', async () => {
		const root = tempDir();
		const outside = tempDir();
		mkdirSync(path.join(outside, 'deep', 'er'), {recursive: true});
		symlinkSync(outside, path.join(root, 'early'));
		const seen: string[] = [];
		const tree = watchTree(root, {onEvent: (_dir, name) => seen.push(name ?? ''), onError: (_dir, error) => expect.fail(String(error))});
		onCleanup(() => tree.close());
		symlinkSync(outside, path.join(root, 'late'));
		await waitFor(() => seen.includes('late'), {timeoutMs: 10_000});
		expect(tree.watchedDirs()).toEqual([root]);
	});
});
