import {describe, expect, it} from 'vitest';
import {allTagsRefspec, fetchObjectsArgv, isAncestorArgv, lsRemoteArgv, lsRemoteTagsArgv, pushArgv, remoteArgument, tagPushArgv, tagRefspecs, wouldLoseArgv} from '../../../source/core/push/argv.js';

const sha = 'a'.repeat(40);
const theirs = 'b'.repeat(40);

describe('push argv', () => {
	it.each([
		[{remote: 'origin', source: sha, branch: 'main'}, ['push', '--porcelain', '--progress', '--', 'origin', `${sha}:refs/heads/main`]],
		[
			{remote: 'origin', source: sha, branch: 'main', dryRun: true},
			['push', '--porcelain', '--progress', '--dry-run', '--', 'origin', `${sha}:refs/heads/main`],
		],
		[
			{remote: 'origin', source: sha, branch: 'release/1.0', leaseSha: theirs},
			['push', '--porcelain', '--progress', `--force-with-lease=refs/heads/release/1.0:${theirs}`, '--', 'origin', `${sha}:refs/heads/release/1.0`],
		],
		[
			{remote: 'https://host/r.git', source: 'main', branch: 'main', dryRun: true, leaseSha: theirs},
			['push', '--porcelain', '--progress', '--dry-run', `--force-with-lease=refs/heads/main:${theirs}`, '--', 'https://host/r.git', 'main:refs/heads/main'],
		],
		// A remote named like an option stays a repository: it comes after `--`.
		[{remote: '--upload-pack=touch /tmp/x', source: sha, branch: 'main'}, ['push', '--porcelain', '--progress', '--', '--upload-pack=touch /tmp/x', `${sha}:refs/heads/main`]],
	])('%j → %j', (options, argv) => {
		expect(pushArgv(options)).toEqual(argv);
	});

	it('never forces without naming the sha we saw', () => {
		for (const leaseSha of [undefined, theirs]) {
			const argv = pushArgv({remote: 'o', source: sha, branch: 'main', leaseSha});
			expect(argv).not.toContain('--force');
			expect(argv).not.toContain('-f');
			expect(argv).not.toContain('--force-with-lease');
		}
	});
});

describe('tag argv', () => {
	it('tags ride in the branch push as explicit refspecs, after --, never with a +', () => {
		expect(pushArgv({remote: 'origin', source: sha, branch: 'main', tagSpecs: tagRefspecs(['v1', '-f'])})).toEqual([
			'push',
			'--porcelain',
			'--progress',
			'--',
			'origin',
			`${sha}:refs/heads/main`,
			'refs/tags/v1:refs/tags/v1',
			'refs/tags/-f:refs/tags/-f',
		]);
	});

	it('the lease names the branch alone: a forced branch push never forces a tag', () => {
		const argv = pushArgv({remote: 'o', source: sha, branch: 'main', leaseSha: theirs, tagSpecs: [allTagsRefspec]});
		expect(argv.filter(arg => arg.startsWith('--force'))).toEqual([`--force-with-lease=refs/heads/main:${theirs}`]);
		expect(argv.filter(arg => arg.startsWith('+'))).toEqual([]);
	});

	it('tags alone (dry-run too), and the ls-remote that names the sha the remote keeps', () => {
		expect(tagPushArgv({remote: '-o', tagSpecs: tagRefspecs(['v1']), dryRun: true})).toEqual(['push', '--porcelain', '--progress', '--dry-run', '--', '-o', 'refs/tags/v1:refs/tags/v1']);
		expect(tagPushArgv({remote: 'o', tagSpecs: [allTagsRefspec]})).toEqual(['push', '--porcelain', '--progress', '--', 'o', 'refs/tags/*:refs/tags/*']);
		expect(lsRemoteTagsArgv('-o', ['v1', 'v2'])).toEqual(['ls-remote', '--', '-o', 'refs/tags/v1', 'refs/tags/v2']);
	});
});

describe('planning argv', () => {
	it('ls-remote asks for the one full ref, remote after --', () => {
		expect(lsRemoteArgv('-origin', 'main')).toEqual(['ls-remote', '--', '-origin', 'refs/heads/main']);
	});

	it('fetch brings objects only: no tags, no FETCH_HEAD, no remote-tracking ref', () => {
		expect(fetchObjectsArgv('origin', 'dev')).toEqual([
			'fetch',
			'--no-tags',
			'--no-write-fetch-head',
			'--refmap=',
			'--no-recurse-submodules',
			'--no-auto-maintenance',
			'--quiet',
			'--',
			'origin',
			'refs/heads/dev',
		]);
	});

	it('ancestry and would-lose', () => {
		expect(isAncestorArgv(theirs, sha)).toEqual(['merge-base', '--is-ancestor', theirs, sha]);
		expect(wouldLoseArgv(sha, theirs, 20)).toEqual(['log', '--no-color', '--format=%h %s', '--max-count=20', `${sha}..${theirs}`, '--']);
	});
});

describe('which repository git is given', () => {
	it.each([
		[{name: 'origin', url: 'https://h/r.git', inGit: true}, 'origin'],
		[{name: 'backup', url: '/srv/backup.git', inGit: false}, '/srv/backup.git'],
		[{name: 'ghost', url: undefined, inGit: false}, undefined],
	])('%j → %s', (remote, expected) => {
		expect(remoteArgument(remote)).toBe(expected);
	});
});
