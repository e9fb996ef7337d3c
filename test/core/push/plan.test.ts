import {describe, expect, it} from 'vitest';
import {planPush, shaFromLsRemote} from '../../../source/core/push/plan.js';
import {addBareRemote, commit, git, makeHistory, makeRepo, startRefusingPort, tempDir} from '../../harness/index.js';
import {isolateProductGit, pushFromElsewhere, recorder, refsOf, remote} from './helpers.js';

isolateProductGit();

const plan = (repo: string, name = 'origin', branch = 'main', extra: {onCommand?: Parameters<typeof planPush>[0]['onCommand']} = {}) =>
	planPush({cwd: repo, remote: remote(name), branch, localSha: git(repo, 'rev-parse', branch), timeoutSeconds: 20, ...extra});

describe('push plan: what a push would do, decided before pushing', () => {
	it('create when the remote lacks the branch', async () => {
		const repo = makeRepo();
		addBareRemote(repo, 'origin', {push: []});
		expect(await plan(repo)).toEqual({kind: 'create', wouldLose: []});
	});

	it('up-to-date when the remote has our sha', async () => {
		const repo = makeRepo();
		addBareRemote(repo, 'origin');
		expect(await plan(repo)).toEqual({kind: 'up-to-date', remoteSha: git(repo, 'rev-parse', 'main'), wouldLose: []});
	});

	it('fast-forward when the remote sha is an ancestor of ours', async () => {
		const repo = makeRepo();
		addBareRemote(repo, 'origin');
		const before = git(repo, 'rev-parse', 'main');
		commit(repo, 'ahead');
		expect(await plan(repo)).toEqual({kind: 'fast-forward', remoteSha: before, wouldLose: []});
	});

	it('force when diverged, naming what the remote would lose, newest first, at most 20', async () => {
		const repo = makeRepo();
		const bare = addBareRemote(repo, 'origin');
		const other = tempDir('rst-other-');
		git(other, 'clone', '-q', '--', bare, '.');
		makeHistory(other, {commits: 25, files: 2, bytesPerFile: 128});
		git(other, 'push', '-q', 'origin', 'main');
		commit(repo, 'ours');
		const localRefs = refsOf(repo);
		const record = recorder();
		const result = await plan(repo, 'origin', 'main', {onCommand: output => record.commands.push(output)});
		expect(result.kind).toBe('force');
		expect(result.remoteSha).toBe(git(bare, 'rev-parse', 'main'));
		expect(result.wouldLose).toHaveLength(20);
		expect(result.wouldLose[0]).toBe(`${git(bare, 'rev-parse', '--short=7', 'main')} change 25: update 1 module(s)`);
		expect(result.wouldLose[19]).toMatch(/ change 6: /);
		// The remote's commits were fetched as objects only: no ref, no FETCH_HEAD, no tags.
		expect(record.argvs().map(argv => argv[1])).toEqual(['ls-remote', 'merge-base', 'fetch', 'merge-base', 'log']);
		expect(refsOf(repo)).toBe(localRefs);
		expect(() => git(repo, 'rev-parse', '--verify', '-q', 'FETCH_HEAD')).toThrow();
	});

	it('needs no fetch when the remote commits are already known', async () => {
		const repo = makeRepo();
		const bare = addBareRemote(repo, 'origin');
		const theirs = pushFromElsewhere(bare, 'theirs');
		git(repo, 'fetch', '-q', 'origin');
		commit(repo, 'ours');
		const record = recorder();
		const result = await plan(repo, 'origin', 'main', {onCommand: output => record.commands.push(output)});
		expect(result).toEqual({kind: 'force', remoteSha: theirs, wouldLose: [`${theirs.slice(0, 7)} theirs`]});
		expect(record.argvs().map(argv => argv[1])).toEqual(['ls-remote', 'merge-base', 'log']);
	});

	it('an unreachable remote is an error, not a guess', async () => {
		const repo = makeRepo();
		const {url} = await startRefusingPort();
		git(repo, 'remote', 'add', 'dead', url);
		const result = await plan(repo, 'dead');
		expect(result.kind).toBe('skipped');
		expect(result.error).toMatchObject({class: 'unreachable'});
		expect(result.error?.hint).toBeTruthy();
	});
});

describe('ls-remote output', () => {
	const a = 'a'.repeat(40);
	const b = 'b'.repeat(40);
	it('takes exactly the asked ref, not one that merely ends like it', () => {
		const stdout = `${a}\trefs/heads/team/refs/heads/main\n${b}\trefs/heads/main\n`;
		expect(shaFromLsRemote(stdout, 'refs/heads/main')).toBe(b);
		expect(shaFromLsRemote(`${a}\trefs/heads/team/refs/heads/main\n`, 'refs/heads/main')).toBeUndefined();
		expect(shaFromLsRemote('', 'refs/heads/main')).toBeUndefined();
	});
});
