import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {discoverRepository} from '../../../source/core/config/discover.js';
import {locateQueue} from '../../../source/core/queue/location.js';
import {listLocalBranches, readRepoInfo} from '../../../source/core/service/repo-info.js';
import {readRepository} from '../../../source/core/service/repository-reads.js';
import {readRefs} from '../../../source/core/status/refs.js';
import {readRemoteLayout} from '../../../source/core/status/refspecs.js';
import {addBareRemote, commit, git, makeBare, makeRepo, tempDir} from '../../harness/index.js';

/** The one concurrent round of start-up reads says what the one-question-at-a-time reads say. */
async function stepByStep(cwd: string) {
	return {
		info: await readRepoInfo(cwd),
		repository: await discoverRepository(cwd),
		queue: await locateQueue(cwd),
		refs: await readRefs(cwd, undefined, {tags: true}),
		layout: await readRemoteLayout(cwd),
		localBranches: await listLocalBranches(cwd),
	};
}

function repoWithBranchesAndRemotes(): string {
	const repo = makeRepo();
	addBareRemote(repo, 'origin');
	addBareRemote(repo, 'mirror.with-dots');
	git(repo, 'fetch', '-q', 'origin');
	git(repo, 'branch', 'feature/x');
	git(repo, 'tag', 'v1');
	return repo;
}

describe('start-up repository reads', () => {
	it('at the root of a work tree', async () => {
		const repo = repoWithBranchesAndRemotes();
		expect(await readRepository(repo)).toEqual(await stepByStep(repo));
	});

	it('from a subdirectory', async () => {
		const repo = repoWithBranchesAndRemotes();
		const sub = path.join(repo, 'a', 'b');
		mkdirSync(sub, {recursive: true});
		const reads = await readRepository(sub);
		expect(reads).toEqual(await stepByStep(sub));
		expect(reads?.info.root).toBe(repo);
	});

	it('in a linked worktree: the queue is the main repository\'s, the branch the worktree\'s', async () => {
		const repo = repoWithBranchesAndRemotes();
		const linked = path.join(tempDir('rst-linked-'), 'wt');
		git(repo, 'worktree', 'add', '-q', '-b', 'side', linked);
		const reads = await readRepository(linked);
		expect(reads).toEqual(await stepByStep(linked));
		expect(reads?.info.currentBranch).toBe('side');
		expect(reads?.queue.file).toBe(path.join(repo, '.git', 'remote-sync', 'queue.json'));
	});

	it('on an unborn branch and on a detached HEAD', async () => {
		const unborn = tempDir('rst-unborn-');
		git(unborn, 'init', '-q', '-b', 'trunk');
		expect(await readRepository(unborn)).toEqual(await stepByStep(unborn));
		expect((await readRepository(unborn))?.info.currentBranch).toBe('trunk');
		const detached = makeRepo();
		commit(detached, 'second');
		git(detached, 'checkout', '-q', '--detach', 'HEAD~1');
		expect(await readRepository(detached)).toEqual(await stepByStep(detached));
		expect((await readRepository(detached))?.info.currentBranch).toBeUndefined();
	});

	it('leaves bare repositories, .git directories and plain directories to the step-by-step reads', async () => {
		const repo = makeRepo();
		expect(await readRepository(makeBare())).toBeUndefined();
		expect(await readRepository(path.join(repo, '.git'))).toBeUndefined();
		expect(await readRepository(tempDir('rst-plain-'))).toBeUndefined();
	});
});
