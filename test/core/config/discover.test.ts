import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {discoverRepository, parseRemoteUrls} from '../../../source/core/config/discover.js';
import {EnvironmentError} from '../../../source/core/errors.js';
import {git, tempDir} from '../../harness/index.js';
import {load, remote, sandbox, writeJson} from './helpers.js';

describe('auto-discovery of git remotes', () => {
	it('reads names with dots, dashes and capitals, and the first of several urls', async () => {
		const box = sandbox({'my.mirror': 'https://example.com/m.git', 'back-up': '/srv/backup.git', 'Upper.Case-x': 'git@host:u.git'});
		git(box.repo, 'config', '--add', 'remote.back-up.url', '/srv/second.git');
		const {remotes, workTree} = await discoverRepository(box.repo);
		expect(workTree).toBe(box.repo);
		expect([...remotes]).toEqual([
			['my.mirror', 'https://example.com/m.git'],
			['back-up', '/srv/backup.git'],
			['Upper.Case-x', 'git@host:u.git'],
		]);
	});

	it('parses git config --null records, whatever the url holds', () => {
		const parsed = parseRemoteUrls('remote.a.b.url\nhttps://x/y z.git\0remote.c.url\nline\nbreak\0garbage\0');
		expect([...parsed]).toEqual([
			['a.b', 'https://x/y z.git'],
			['c', 'line\nbreak'],
		]);
	});

	it('finds the work tree root from a subdirectory, and copes with no remotes', async () => {
		const box = sandbox();
		const sub = path.join(box.repo, 'deep', 'er');
		mkdirSync(sub, {recursive: true});
		const found = await discoverRepository(sub);
		expect(found.workTree).toBe(box.repo);
		expect(found.remotes.size).toBe(0);
	});

	it('shows every git remote, configured or not, with the defaults', async () => {
		const box = sandbox({origin: 'https://example.com/o.git', extra: 'https://example.com/e.git'});
		writeJson(path.join(box.repo, '.remotesyncrc.json'), {remotes: {origin: {priority: 2, group: 'main'}}});
		const config = await load(box);
		expect(remote(config, 'extra')).toEqual({
			name: 'extra',
			url: 'https://example.com/e.git',
			inGit: true,
			configured: false,
			priority: 1,
			branches: ['*'],
			forcePush: 'block',
			retry: 3,
			timeoutSeconds: 30,
			stallTimeoutSeconds: 10,
			group: undefined,
			vpn: undefined,
			enabled: true,
			tags: 'follow',
		});
		expect(remote(config, 'origin')).toMatchObject({configured: true, priority: 2, group: 'main'});
	});

	it('uses the config url for a remote git lacks, and git\'s url for one it has', async () => {
		const box = sandbox({origin: 'https://example.com/o.git'});
		writeJson(path.join(box.repo, '.remotesyncrc.json'), {
			remotes: {origin: {url: 'https://ignored.example/o.git'}, 'offsite.backup': {url: 'ssh://backup/x.git'}},
		});
		const config = await load(box);
		expect(remote(config, 'origin')).toMatchObject({url: 'https://example.com/o.git', inGit: true});
		expect(remote(config, 'offsite.backup')).toMatchObject({url: 'ssh://backup/x.git', inGit: false, configured: true});
		expect(config.warnings).toEqual([]);
	});

	it('warns about, and skips, a config remote git lacks that has no url', async () => {
		const box = sandbox({origin: 'https://example.com/o.git'});
		writeJson(path.join(box.repo, '.remotesyncrc.json'), {remotes: {orgin: {priority: 1}, lost: {}}});
		const config = await load(box);
		expect(config.remotes.map(r => r.name)).toEqual(['origin']);
		expect(config.warnings).toEqual([
			'.remotesyncrc.json: remotes.orgin: git has no remote "orgin" and no "url" is set, so it is skipped; did you mean "origin"?',
			'.remotesyncrc.json: remotes.lost: git has no remote "lost" and no "url" is set, so it is skipped; add it with "git remote add lost <url>" or set "url"',
		]);
	});

	it('leaves out remotes with enabled: false, from git or from the config alone', async () => {
		const box = sandbox({origin: 'https://example.com/o.git', old: 'https://example.com/old.git'});
		writeJson(path.join(box.userDir, 'config.json'), {remotes: {old: {enabled: false}, gone: {enabled: false}}});
		writeJson(path.join(box.repo, '.remotesyncrc.json'), {remotes: {offsite: {url: 'ssh://x/y.git', enabled: false}}});
		const config = await load(box);
		expect(config.remotes.map(r => r.name)).toEqual(['origin']);
		expect(config.warnings).toEqual([]);
	});

	it('lets a later layer enable a remote again', async () => {
		const box = sandbox({old: 'https://example.com/old.git'});
		writeJson(path.join(box.userDir, 'config.json'), {remotes: {old: {enabled: false}}});
		writeJson(path.join(box.repo, '.remotesyncrc.json'), {remotes: {old: {enabled: true}}});
		expect((await load(box)).remotes.map(r => r.name)).toEqual(['old']);
	});

	it('sorts by priority, then by name', async () => {
		const box = sandbox({zeta: 'https://e/z.git', alpha: 'https://e/a.git', mid: 'https://e/m.git', beta: 'https://e/b.git'});
		writeJson(path.join(box.repo, '.remotesyncrc.json'), {remotes: {zeta: {priority: 0}, mid: {priority: 5}, extra: {url: 'https://e/x.git', priority: 1}}});
		expect((await load(box)).remotes.map(r => r.name)).toEqual(['zeta', 'alpha', 'beta', 'extra', 'mid']);
	});

	it('says "not a git repository" outside one', async () => {
		const outside = tempDir('rst-plain-');
		const error = await load({repo: outside, userDir: tempDir('rst-xdg-')}).catch((thrown: unknown) => thrown);
		expect(error).toBeInstanceOf(EnvironmentError);
		expect((error as EnvironmentError).exitCode).toBe(2);
		expect((error as Error).message).toBe(`not a git repository: ${outside}; run inside a repository or pass --cwd`);
	});

	it('says so when the directory does not exist', async () => {
		const missing = path.join(tempDir('rst-plain-'), 'nope');
		await expect(discoverRepository(missing)).rejects.toThrow(`directory not found: ${missing}; pass an existing directory with --cwd`);
	});
});
