import {describe, expect, it} from 'vitest';
import {pushOne} from '../../../source/core/push/push-one.js';
import {addBareRemote, commit, git, makeRepo} from '../../harness/index.js';
import {isolateProductGit, recorder, remote, request, shaOf} from './helpers.js';

isolateProductGit();

describe('push: one remote, one branch', () => {
	it('fast-forwards the remote and says so', async () => {
		const repo = makeRepo();
		const bare = addBareRemote(repo, 'origin');
		const sha = commit(repo, 'ours');
		const record = recorder();
		const result = await pushOne(request(repo, remote('origin'), {record}));
		expect(result).toMatchObject({remote: 'origin', branch: 'main', status: 'pushed', attempts: 1, sha, message: 'Successfully pushed main to origin'});
		expect(shaOf(bare, 'refs/heads/main')).toBe(sha);
		expect(result.durationMs).toBeGreaterThan(0);
		expect(result.output).toContain('refs/heads/main');
		// A fast-forward is one plain push: no separate ls-remote round trip, nothing forced.
		expect(record.argvs().map(argv => argv[1])).toEqual(['push']);
		expect(record.argvs().flat().join(' ')).not.toMatch(/--force/);
	});

	it('creates a branch the remote does not have', async () => {
		const repo = makeRepo();
		const bare = addBareRemote(repo, 'origin');
		git(repo, 'switch', '-q', '-c', 'feature/x');
		const sha = commit(repo, 'feature work');
		const result = await pushOne(request(repo, remote('origin'), {branch: 'feature/x', localSha: sha}));
		expect(result).toMatchObject({status: 'pushed', message: 'Successfully pushed feature/x to origin (new branch)'});
		expect(shaOf(bare, 'refs/heads/feature/x')).toBe(sha);
	});

	it('is up to date in one plain push, changing nothing', async () => {
		const repo = makeRepo();
		addBareRemote(repo, 'origin');
		const record = recorder();
		const result = await pushOne(request(repo, remote('origin'), {record}));
		expect(result).toMatchObject({status: 'up-to-date', attempts: 1, message: 'main is already up to date on origin'});
		expect(record.argvs().map(argv => argv[1])).toEqual(['push']);
	});

	it('pushes to a URL from the config when git has no such remote', async () => {
		const repo = makeRepo();
		const bare = addBareRemote(repo, 'origin');
		git(repo, 'remote', 'remove', 'origin');
		const sha = commit(repo, 'ours');
		const result = await pushOne(request(repo, remote('backup', {inGit: false, url: bare})));
		expect(result.status).toBe('pushed');
		expect(shaOf(bare, 'refs/heads/main')).toBe(sha);
	});

	it('treats a remote named like an option as a remote', async () => {
		const repo = makeRepo();
		const bare = addBareRemote(repo, 'origin', {push: []});
		git(repo, 'remote', 'add', '--', '--upload-pack=false', bare);
		const result = await pushOne(request(repo, remote('--upload-pack=false')));
		expect(result.status).toBe('pushed');
		expect(shaOf(bare, 'refs/heads/main')).toBe(shaOf(repo, 'main'));
	});

	it('a remote with no URL anywhere fails with what to do', async () => {
		const repo = makeRepo();
		const result = await pushOne(request(repo, remote('ghost', {inGit: false, url: undefined})));
		expect(result).toMatchObject({status: 'failed', errorClass: 'not-found', attempts: 1});
		expect(result.error).toMatch(/git remote add ghost/);
	});
});
