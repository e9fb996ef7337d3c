import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {watchRepository} from '../../../source/core/watch/repo-watcher.js';
import {commit, git, makeRepo, onCleanup, tempDir, waitFor} from '../../harness/index.js';

/** A new repository under watch (stopped at cleanup); `changes()` counts the changes reported. */
function watchedRepo(debounceMs: number): {repo: string; changes: () => number} {
	const repo = makeRepo();
	const gitDir = path.join(repo, '.git');
	let changes = 0;
	const watcher = watchRepository({gitDir, commonDir: gitDir}, {onChange: () => changes++, onError: message => expect.fail(message), debounceMs});
	onCleanup(() => watcher.close());
	return {repo, changes: () => changes};
}

describe('repository watcher', () => {
	it('reports a burst of ref updates (a commit, then two branches) as few changes, not one per file', async () => {
		const {repo, changes} = watchedRepo(200);
		commit(repo, 'one');
		git(repo, 'branch', 'b1');
		git(repo, 'branch', 'b2');
		await waitFor(() => changes() > 0, {timeoutMs: 10_000});
		expect(changes()).toBeLessThanOrEqual(2);
	});

	it('degrades to one clear error when a directory cannot be watched, and never throws', async () => {
		const missing = path.join(tempDir(), 'gone');
		const errors: string[] = [];
		const watcher = watchRepository({gitDir: missing, commonDir: missing}, {onChange: () => undefined, onError: message => errors.push(message)});
		watcher.close();
		expect(errors).toHaveLength(1);
		expect(errors[0]).toMatch(/cannot watch .*gone.*press R/);
	});
});

describe('repository watcher: directories made and changed after it started', () => {
	it('sees a branch in a new nested directory, then a change inside it, and a new remote\'s tracking refs', async () => {
		const {repo, changes} = watchedRepo(50);
		const settled = async () => {
			const before = changes();
			await waitFor(() => changes() > before, {timeoutMs: 10_000});
		};

		// Loose refs only: git writes refs/heads/feature/deep/x through a new directory.
		const head = git(repo, 'rev-parse', 'HEAD');
		git(repo, 'update-ref', 'refs/heads/feature/deep/x', head);
		await settled();
		// Now inside the directory that did not exist when the watcher started.
		commit(repo, 'two');
		git(repo, 'update-ref', 'refs/heads/feature/deep/x', git(repo, 'rev-parse', 'HEAD'));
		await settled();
		git(repo, 'update-ref', 'refs/remotes/new-mirror/release/1', head);
		await settled();
		git(repo, 'update-ref', 'refs/remotes/new-mirror/release/1', git(repo, 'rev-parse', 'HEAD'));
		await settled();
	});
});
