import {describe, expect, it} from 'vitest';
import type {QueueEntry} from '../../../source/core/model.js';
import {branchTip, classifyQueuedSha} from '../../../source/core/queue/queued-sha.js';
import {commit, git, makeRepo} from '../../harness/index.js';
import {isolateProductGit} from './helpers.js';

isolateProductGit();

const entry = (sha: string, branch = 'main'): QueueEntry => ({
	remote: 'origin',
	branch,
	sha,
	attempts: 1,
	lastError: 'e',
	queuedAt: '2024-01-01T00:00:00.000Z',
	lastAttemptAt: '2024-01-01T00:00:00.000Z',
});

describe('a queued sha against the branch as it is now', () => {
	it('is current when it is still the tip: push it', async () => {
		const repo = makeRepo();
		const tip = commit(repo, 'two');
		expect(await classifyQueuedSha({cwd: repo, entry: entry(tip), branchTip: await branchTip(repo, 'main')})).toEqual({kind: 'current', pushSha: tip});
	});

	it('is an ancestor when the branch only moved forward: push the tip', async () => {
		const repo = makeRepo();
		const queued = commit(repo, 'two');
		const tip = commit(repo, 'three');
		expect(await classifyQueuedSha({cwd: repo, entry: entry(queued), branchTip: tip})).toEqual({kind: 'ancestor', pushSha: tip});
	});

	it('is stale when the branch was rewritten without it: nothing to push', async () => {
		const repo = makeRepo();
		const queued = commit(repo, 'two');
		git(repo, 'reset', '-q', '--hard', 'HEAD~1');
		const tip = commit(repo, 'rewritten');
		expect(await classifyQueuedSha({cwd: repo, entry: entry(queued), branchTip: tip})).toEqual({kind: 'stale'});
	});

	it('is stale when the queued commit no longer exists at all', async () => {
		const repo = makeRepo();
		const tip = git(repo, 'rev-parse', 'HEAD');
		expect(await classifyQueuedSha({cwd: repo, entry: entry('d'.repeat(40)), branchTip: tip})).toEqual({kind: 'stale'});
	});

	it('is branch-gone when the local branch was deleted', async () => {
		const repo = makeRepo();
		git(repo, 'branch', 'topic');
		const sha = git(repo, 'rev-parse', 'topic');
		git(repo, 'branch', '-q', '-D', 'topic');
		expect(await branchTip(repo, 'topic')).toBeUndefined();
		expect(await classifyQueuedSha({cwd: repo, entry: entry(sha, 'topic'), branchTip: await branchTip(repo, 'topic')})).toEqual({kind: 'branch-gone'});
	});
});
