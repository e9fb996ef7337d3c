import {describe, expect, it} from 'vitest';
import type {Progress} from '../../../source/core/model.js';
import {pushMany} from '../../../source/core/push/push-many.js';
import {addBareRemote, commit, git, makeRepo, startRefusingPort, startSilentSocket, waitFor} from '../../harness/index.js';
import {isolateProductGit, refsOf, remote, request, shaOf} from './helpers.js';

isolateProductGit();

/** A work repo one commit ahead of two live remotes, plus remotes at the given dead URLs. */
function fleet(dead: Record<string, string>) {
	const repo = makeRepo();
	const one = addBareRemote(repo, 'one');
	const two = addBareRemote(repo, 'two');
	for (const [name, url] of Object.entries(dead)) git(repo, 'remote', 'add', name, url);
	const sha = commit(repo, 'to everyone');
	return {repo, one, two, sha};
}

describe('push to many remotes (SPEC §4)', () => {
	it.each([true, false])('a dead remote does not stop the live ones; results in priority order (parallel %s)', async parallel => {
		const {url} = await startRefusingPort();
		const {repo, one, two, sha} = fleet({dead: url});
		const requests = [
			request(repo, remote('dead', {priority: 1, retry: 1})),
			request(repo, remote('one', {priority: 2})),
			request(repo, remote('two', {priority: 3})),
		];
		const results = await pushMany({requests, parallel, maxWorkers: 4});
		expect(results.map(result => [result.remote, result.status, result.errorClass])).toEqual([
			['dead', 'failed', 'unreachable'],
			['one', 'pushed', undefined],
			['two', 'pushed', undefined],
		]);
		expect(results[0]?.attempts).toBe(2);
		expect(shaOf(one, 'refs/heads/main')).toBe(sha);
		expect(shaOf(two, 'refs/heads/main')).toBe(sha);
	});

	it('a remote that hangs does not delay the others', async () => {
		const silent = await startSilentSocket();
		const {repo, one, two, sha} = fleet({hang: silent.url});
		const done = new Set<string>();
		const track = (name: string) => (progress: Progress) => {
			if (progress.phase === 'done') done.add(name);
		};

		const controller = new AbortController();
		const running = pushMany({
			requests: [
				request(repo, remote('hang', {priority: 1, timeoutSeconds: 60})),
				request(repo, remote('one', {priority: 2}), {onProgress: track('one')}),
				request(repo, remote('two', {priority: 3}), {onProgress: track('two')}),
			],
			parallel: true,
			maxWorkers: 3,
			signal: controller.signal,
		});
		// Both live pushes finish while the hung one is still waiting for its 60 s timeout.
		await waitFor(() => done.size === 2, {timeoutMs: 30_000, message: 'the live remotes were not pushed while one hung'});
		controller.abort();
		const results = await running;
		expect(results.map(result => [result.remote, result.status, result.errorClass])).toEqual([
			['hang', 'failed', 'interrupted'],
			['one', 'pushed', undefined],
			['two', 'pushed', undefined],
		]);
		expect(shaOf(one, 'refs/heads/main')).toBe(sha);
		expect(shaOf(two, 'refs/heads/main')).toBe(sha);
	});

	it('an abort reports what had not started as interrupted and pushes nothing more', async () => {
		const silent = await startSilentSocket();
		const {repo, one, two} = fleet({hang: silent.url});
		const before = [refsOf(one), refsOf(two)];
		const controller = new AbortController();
		let connecting = false;
		const running = pushMany({
			requests: [
				request(repo, remote('hang', {timeoutSeconds: 60}), {onProgress: progress => (connecting ||= progress.phase === 'connecting')}),
				request(repo, remote('one')),
				request(repo, remote('two')),
			],
			parallel: false,
			maxWorkers: 4,
			signal: controller.signal,
		});
		await waitFor(() => connecting, {timeoutMs: 10_000});
		controller.abort();
		const results = await running;
		expect(results.map(result => [result.remote, result.status, result.errorClass, result.attempts])).toEqual([
			['hang', 'failed', 'interrupted', 1],
			['one', 'failed', 'interrupted', 0],
			['two', 'failed', 'interrupted', 0],
		]);
		expect([refsOf(one), refsOf(two)]).toEqual(before);
	});

	it('an empty list is an empty result', async () => {
		expect(await pushMany({requests: [], parallel: true, maxWorkers: 4})).toEqual([]);
	});
});
