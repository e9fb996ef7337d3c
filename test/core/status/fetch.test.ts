import {readFileSync, writeFileSync, mkdirSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {GitOutput} from '../../../source/core/git/runner.js';
import {liveGitProcessCount} from '../../../source/core/git/runner.js';
import {fetchArgs, fetchRemote} from '../../../source/core/status/fetch.js';
import {readFetchTimes, recordFetchTimeInFile, readFetchTimesFile} from '../../../source/core/status/fetch-times.js';
import {readRefs, type RefSnapshot} from '../../../source/core/status/refs.js';
import {addBareRemote, commit, git, makeBare, makeRepo, startRefusingPort, startSilentSocket, tempDir} from '../../harness/index.js';
import {isolateProductGit, remote} from './helpers.js';

const trackingSha = (snapshot: RefSnapshot, remote: string, branch: string) => snapshot.refs.get(`refs/remotes/${remote}/${branch}`);

isolateProductGit();

/** A second clone pushes to `bare`, so the work repo's tracking refs fall behind. */
function advance(bare: string, branch = 'main'): string {
	const other = tempDir();
	git(other, 'clone', '-q', bare, '.');
	git(other, 'checkout', '-q', '-B', branch);
	const sha = commit(other, `on ${branch}`);
	git(other, 'push', '-q', 'origin', branch);
	return sha;
}

describe('fetch (SPEC §4)', () => {
	it('updates remote-tracking refs, prunes deleted branches and records when it fetched', async () => {
		const repo = makeRepo();
		const bare = addBareRemote(repo, 'gh.mirror-1', {push: ['main']});
		git(repo, 'push', '-q', 'gh.mirror-1', 'main:gone');
		git(bare, 'branch', '-D', 'gone');
		const ahead = advance(bare);
		const commands: GitOutput[] = [];
		const started = Date.now();

		const outcome = await fetchRemote({cwd: repo, remote: remote('gh.mirror-1'), timeoutSeconds: 30, onCommand: out => commands.push(out)});

		expect(outcome).toMatchObject({remote: 'gh.mirror-1', ok: true});
		const refs = await readRefs(repo);
		expect(trackingSha(refs, 'gh.mirror-1', 'main')).toBe(ahead);
		expect(trackingSha(refs, 'gh.mirror-1', 'gone')).toBeUndefined();
		expect(commands.map(out => out.argv)).toEqual([['git', 'fetch', '--prune', '--no-tags', '--progress', '--', 'gh.mirror-1', '+refs/heads/*:refs/remotes/gh.mirror-1/*', '+refs/tags/*:refs/remote-sync/gh%2Emirror-1/tags/*']]);
		const at = (await readFetchTimes(repo))['gh.mirror-1'];
		expect(Date.parse(at!)).toBeGreaterThanOrEqual(started - 1000);
	});

	it('fetches a remote known only by its config url into refs/remotes/<name>/*', async () => {
		const repo = makeRepo();
		const bare = makeBare();
		git(repo, 'push', '-q', bare, 'main', 'main:topic');
		const outcome = await fetchRemote({cwd: repo, remote: remote('backup', {inGit: false, url: bare}), timeoutSeconds: 30});
		expect(outcome.ok).toBe(true);
		const refs = await readRefs(repo);
		expect(trackingSha(refs, 'backup', 'topic')).toBe(git(repo, 'rev-parse', 'main'));
		git(bare, 'branch', '-D', 'topic');
		await fetchRemote({cwd: repo, remote: remote('backup', {inGit: false, url: bare}), timeoutSeconds: 30});
		expect(trackingSha(await readRefs(repo), 'backup', 'topic')).toBeUndefined();
	});

	it('never reads a remote name that starts with "-" as an option', async () => {
		const repo = makeRepo();
		const bare = makeBare();
		git(repo, 'remote', 'add', '--', '--dry-run', bare);
		git(repo, 'push', '-q', bare, 'main');
		const outcome = await fetchRemote({cwd: repo, remote: remote('--dry-run'), timeoutSeconds: 30});
		expect(outcome.ok).toBe(true);
		expect(trackingSha(await readRefs(repo), '--dry-run', 'main')).toBe(git(repo, 'rev-parse', 'main'));
	});

	it('refuses a config URL that starts with "-" without running git', async () => {
		const commands: GitOutput[] = [];
		const outcome = await fetchRemote({
			cwd: makeRepo(),
			remote: remote('x', {inGit: false, url: '--upload-pack=touch /tmp/pwned'}),
			timeoutSeconds: 30,
			onCommand: out => commands.push(out),
		});
		expect(outcome.failure).toMatchObject({class: 'other', message: expect.stringContaining('starts with "-"')});
		expect(outcome.failure?.hint).toContain('remotes.x.url');
		expect(commands).toEqual([]);
	});

	it('explains a remote that has no URL anywhere', () => {
		expect(fetchArgs(remote('ghost', {inGit: false}), new Map())).toMatchObject({class: 'other', message: 'remote ghost has no URL', hint: expect.stringContaining('git remote add ghost')});
	});

	it('classifies a path that does not exist as not-found', async () => {
		const repo = makeRepo();
		const outcome = await fetchRemote({cwd: repo, remote: remote('lost', {inGit: false, url: path.join(tempDir(), 'nope.git')}), timeoutSeconds: 30});
		expect(outcome).toMatchObject({ok: false, failure: {class: 'not-found'}});
		expect(await readFetchTimes(repo)).toEqual({});
	});

	it('classifies a refused connection as unreachable and never shows the credentials in the URL', async () => {
		const refused = await startRefusingPort();
		const url = `http://user:token@127.0.0.1:${refused.port}/x.git`;
		const repo = makeRepo();
		git(repo, 'remote', 'add', 'ci', url);
		const outcome = await fetchRemote({cwd: repo, remote: remote('ci', {url}), timeoutSeconds: 10});
		expect(outcome.failure?.class).toBe('unreachable');
		expect(JSON.stringify(outcome)).not.toContain('token');
	});

	it('kills a fetch that gets no answer after the timeout and reports timeout', async () => {
		const silent = await startSilentSocket();
		const repo = makeRepo();
		git(repo, 'remote', 'add', 'blackhole', silent.url);
		const outcome = await fetchRemote({cwd: repo, remote: remote('blackhole'), timeoutSeconds: 1});
		expect(outcome.failure).toMatchObject({class: 'timeout', message: 'fetch from blackhole timed out after 1 s'});
		expect(outcome.durationMs).toBeGreaterThanOrEqual(900);
		expect(outcome.durationMs).toBeLessThan(10_000);
		expect(liveGitProcessCount()).toBe(0);
	});
});

describe('fetch times (fetched.json)', () => {
	it('reads a missing or corrupt file as never fetched', async () => {
		const dir = tempDir();
		const file = path.join(dir, 'remote-sync', 'fetched.json');
		expect(await readFetchTimesFile(file)).toEqual({});
		mkdirSync(path.dirname(file), {recursive: true});
		writeFileSync(file, '{"origin": "2024-01-01T00:00:00.000Z", "bad": 42, "worse": "not a date"');
		expect(await readFetchTimesFile(file)).toEqual({});
		writeFileSync(file, '{"origin": "2024-01-01T00:00:00.000Z", "bad": 42, "worse": "not a date"}');
		expect(await readFetchTimesFile(file)).toEqual({origin: '2024-01-01T00:00:00.000Z'});
		writeFileSync(file, '[1, 2]');
		expect(await readFetchTimesFile(file)).toEqual({});
	});

	it('keeps every remote when many fetches finish at once, repairing a corrupt file', async () => {
		const file = path.join(tempDir(), 'remote-sync', 'fetched.json');
		mkdirSync(path.dirname(file), {recursive: true});
		writeFileSync(file, 'garbage{');
		const names = Array.from({length: 12}, (_, i) => `remote-${i}`);
		await Promise.all(names.map(async name => recordFetchTimeInFile(file, name, new Date('2025-01-01T00:00:00.000Z'))));
		const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
		expect(Object.keys(stored).sort()).toEqual([...names].sort());
	});

	it('lives in the common git dir, the same from a subdirectory', async () => {
		const repo = makeRepo();
		mkdirSync(path.join(repo, 'sub', 'dir'), {recursive: true});
		await recordFetchTimeInFile(path.join(repo, '.git', 'remote-sync', 'fetched.json'), 'o', new Date('2025-02-02T00:00:00.000Z'));
		expect(await readFetchTimes(path.join(repo, 'sub', 'dir'))).toEqual({o: '2025-02-02T00:00:00.000Z'});
	});
});
