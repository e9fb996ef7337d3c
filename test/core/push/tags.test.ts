import {describe, expect, it} from 'vitest';
import {pushOne} from '../../../source/core/push/push-one.js';
import {addBareRemote, commit, git, makeRepo} from '../../harness/index.js';
import {isolateProductGit, pushFromElsewhere, recorder, remote, request, shaOf} from './helpers.js';

isolateProductGit();

/** A tag made in the bare remote itself, on `at` (lightweight): someone else's tag of that name. */
function tagElsewhere(bare: string, name: string, at: string): void {
	git(bare, 'update-ref', `refs/tags/${name}`, at);
}

describe('tags: follow (the default)', () => {
	it('sends an annotated tag on the pushed commit with the branch, in the same push', async () => {
		const repo = makeRepo();
		const bare = addBareRemote(repo, 'origin');
		commit(repo, 'release');
		git(repo, 'tag', '-a', 'v1.0', '-m', 'release 1.0');
		const record = recorder();
		const result = await pushOne(request(repo, remote('origin'), {record}));
		expect(result).toMatchObject({status: 'pushed', tags: ['v1.0']});
		expect(result.tagResults).toBeUndefined();
		expect(shaOf(bare, 'refs/tags/v1.0')).toBe(shaOf(repo, 'refs/tags/v1.0'));
		expect(record.argvs().filter(argv => argv.includes('push'))).toHaveLength(1);
		expect(record.argvs().flat()).not.toContain('+refs/tags/v1.0:refs/tags/v1.0');
	});

	it('leaves a lightweight tag, and an annotated tag on another branch, at home', async () => {
		const repo = makeRepo();
		const bare = addBareRemote(repo, 'origin');
		git(repo, 'switch', '-q', '-c', 'side');
		commit(repo, 'side work');
		git(repo, 'tag', '-a', 'side-1', '-m', 'side');
		git(repo, 'switch', '-q', 'main');
		commit(repo, 'main work');
		git(repo, 'tag', 'light');
		const result = await pushOne(request(repo, remote('origin')));
		expect(result.status).toBe('pushed');
		expect(result.tags).toBeUndefined();
		expect(git(bare, 'tag', '--list')).toBe('');
	});

	it('sends a new release tag even when the branch is already up to date', async () => {
		const repo = makeRepo();
		const bare = addBareRemote(repo, 'origin');
		git(repo, 'tag', '-a', 'v2', '-m', 'on a pushed commit');
		const result = await pushOne(request(repo, remote('origin')));
		expect(result).toMatchObject({status: 'up-to-date', tags: ['v2']});
		expect(shaOf(bare, 'refs/tags/v2')).toBe(shaOf(repo, 'refs/tags/v2'));
		// Sent once: the next push has nothing to send.
		expect((await pushOne(request(repo, remote('origin')))).tags).toBeUndefined();
	});

	it('dry-run predicts the tag and sends nothing, also when the branch is up to date', async () => {
		const repo = makeRepo();
		const bare = addBareRemote(repo, 'origin');
		git(repo, 'tag', '-a', 'v3', '-m', 'three');
		const result = await pushOne(request(repo, remote('origin'), {dryRun: true}));
		expect(result).toMatchObject({status: 'up-to-date', tags: ['v3']});
		expect(git(bare, 'tag', '--list')).toBe('');
		// The detail pane shows what ran: the tags' own dry-run push too.
		expect(result.output).toContain('refs/tags/v3:refs/tags/v3');
	});
});

describe('tags: all and none', () => {
	it('all sends lightweight tags and tags of other branches too', async () => {
		const repo = makeRepo();
		const bare = addBareRemote(repo, 'origin');
		git(repo, 'switch', '-q', '-c', 'side');
		commit(repo, 'side work');
		git(repo, 'tag', '-a', 'side-1', '-m', 'side');
		git(repo, 'switch', '-q', 'main');
		git(repo, 'tag', 'light');
		const result = await pushOne(request(repo, remote('origin', {tags: 'all'})));
		expect(result.tags?.toSorted()).toEqual(['light', 'side-1']);
		expect(git(bare, 'tag', '--list').split('\n').toSorted()).toEqual(['light', 'side-1']);
	});

	it('none sends no tag, not even an annotated one on the pushed commit', async () => {
		const repo = makeRepo();
		const bare = addBareRemote(repo, 'origin');
		commit(repo, 'release');
		git(repo, 'tag', '-a', 'v1.0', '-m', 'release 1.0');
		const record = recorder();
		const result = await pushOne(request(repo, remote('origin', {tags: 'none'}), {record}));
		expect(result.status).toBe('pushed');
		expect(result.tags).toBeUndefined();
		expect(git(bare, 'tag', '--list')).toBe('');
		expect(record.argvs().flat().join(' ')).not.toContain('refs/tags/');
	});
});

describe('tags: a tag the remote has elsewhere is never overwritten', () => {
	it('keeps the remote tag, blocks it on its own line with both shas, and still pushes the branch', async () => {
		const repo = makeRepo();
		const bare = addBareRemote(repo, 'origin');
		const theirs = shaOf(bare, 'refs/heads/main');
		tagElsewhere(bare, 'v1.0', theirs);
		const sha = commit(repo, 'release');
		git(repo, 'tag', '-a', 'v1.0', '-m', 'ours');
		git(repo, 'tag', '-a', 'v1.1', '-m', 'ours too');
		const ours = shaOf(repo, 'refs/tags/v1.0');
		const result = await pushOne(request(repo, remote('origin')));
		expect(result).toMatchObject({status: 'pushed', tags: ['v1.1']});
		expect(shaOf(bare, 'refs/heads/main')).toBe(sha);
		expect(shaOf(bare, 'refs/tags/v1.0')).toBe(theirs);
		expect(result.tagResults).toHaveLength(1);
		const [line] = result.tagResults!;
		expect(line).toMatchObject({remote: 'origin', branch: 'main', tag: 'v1.0', status: 'blocked', sha: ours, remoteSha: theirs});
		expect(line!.message).toContain(theirs.slice(0, 7));
		expect(line!.message).toContain(ours.slice(0, 7));
		expect(line!.error).toContain(theirs);
		expect(line!.error).toContain(ours);
	});

	it('dry-run predicts the refusal (would-block) and changes nothing', async () => {
		const repo = makeRepo();
		const bare = addBareRemote(repo, 'origin');
		tagElsewhere(bare, 'v1.0', pushFromElsewhere(bare, 'theirs'));
		git(repo, 'fetch', '-q', '--no-tags', 'origin');
		git(repo, 'reset', '-q', '--hard', 'origin/main');
		git(repo, 'tag', '-a', 'v1.0', '-m', 'ours');
		const before = git(bare, 'for-each-ref');
		const result = await pushOne(request(repo, remote('origin'), {dryRun: true}));
		expect(result.status).toBe('up-to-date');
		expect(result.tagResults?.[0]).toMatchObject({tag: 'v1.0', status: 'would-block'});
		expect(git(bare, 'for-each-ref')).toBe(before);
	});

	it('a forced branch push (allow) still never forces a tag', async () => {
		const repo = makeRepo();
		const bare = addBareRemote(repo, 'origin');
		const theirs = pushFromElsewhere(bare, 'someone else');
		tagElsewhere(bare, 'v9', theirs);
		// The user saw their commit and chose to replace it (it is in the branch's reflog).
		git(repo, 'fetch', '-q', '--no-tags', 'origin');
		git(repo, 'reset', '-q', '--hard', 'origin/main');
		git(repo, 'reset', '-q', '--hard', 'HEAD~1');
		const sha = commit(repo, 'ours diverges');
		git(repo, 'tag', '-a', 'v9', '-m', 'ours');
		const result = await pushOne(request(repo, remote('origin', {forcePush: 'allow'})));
		expect(result.status).toBe('pushed');
		expect(shaOf(bare, 'refs/heads/main')).toBe(sha);
		expect(shaOf(bare, 'refs/tags/v9')).toBe(theirs);
		expect(result.tagResults?.[0]).toMatchObject({tag: 'v9', status: 'blocked', remoteSha: theirs});
	});
});

describe('tags: a push names few refspecs (git matches each one against every ref)', () => {
	it('all sends every tag through one pattern refspec, never forced', async () => {
		const repo = makeRepo();
		const bare = addBareRemote(repo, 'origin');
		for (let t = 0; t < 40; t++) git(repo, 'tag', `t${t}`);
		const record = recorder();
		const result = await pushOne(request(repo, remote('origin', {tags: 'all'}), {record}));
		expect(result.tags).toHaveLength(40);
		expect(git(bare, 'tag', '--list').split('\n')).toHaveLength(40);
		const push = record.argvs().find(argv => argv.includes('push'))!;
		expect(push.filter(arg => arg.includes('refs/tags/'))).toEqual(['refs/tags/*:refs/tags/*']);
	});

	it('follow names only the tags our copy of the remote does not show there already', async () => {
		const repo = makeRepo();
		addBareRemote(repo, 'origin');
		for (let t = 0; t < 5; t++) git(repo, 'tag', '-a', `old${t}`, '-m', 'old');
		expect((await pushOne(request(repo, remote('origin')))).tags).toHaveLength(5);
		commit(repo, 'next');
		git(repo, 'tag', '-a', 'new', '-m', 'new');
		const record = recorder();
		const result = await pushOne(request(repo, remote('origin'), {record}));
		expect(result.tags).toEqual(['new']);
		const push = record.argvs().find(argv => argv.includes('push'))!;
		expect(push.filter(arg => arg.includes('refs/tags/'))).toEqual(['refs/tags/new:refs/tags/new']);
	});
});

describe('tags: hostile names', () => {
	it('a tag named like an option is a ref, never an option', async () => {
		const repo = makeRepo();
		const bare = addBareRemote(repo, 'origin');
		git(repo, 'update-ref', 'refs/tags/-f', git(repo, 'rev-parse', 'HEAD'));
		const result = await pushOne(request(repo, remote('origin', {tags: 'all'})));
		expect(result.tags).toEqual(['-f']);
		expect(shaOf(bare, 'refs/tags/-f')).toBe(shaOf(repo, 'refs/tags/-f'));
	});
});
