import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {addBareRemote, commit, git, makeBare, makeRepo, startGitDaemon, tempDir} from '../harness/index.js';
import {compileOutputSchema, schemaErrors} from '../setup/json-validator.js';
import {parseJson, runCli, type CliRun} from './run-cli.js';

type Tags = {missing: number; differ: string[]} | null;
type StatusJson = {remotes: Array<{name: string; tags: Tags}>};
type PushJson = {results: Array<{remote: string; branch: string; tag?: string; status: string; tags?: string[]; message?: string; sha?: string; remoteSha?: string}>; summary: {blocked: number}};

/** A work repo with two remotes: `follow` (the default) and `none`, both in sync with main. */
function twoRemotes(): {repo: string; follow: string; none: string} {
	const repo = makeRepo();
	const follow = addBareRemote(repo, 'mirror');
	const none = addBareRemote(repo, 'plain');
	writeFileSync(path.join(repo, '.remotesyncrc.json'), JSON.stringify({remotes: {plain: {tags: 'none'}}}));
	return {repo, follow, none};
}

/** The user's own config (XDG): what it says applies without trust. */
function userConfig(config: unknown): Record<string, string> {
	const xdg = tempDir('rst-xdg-');
	mkdirSync(path.join(xdg, 'remote-sync'), {recursive: true});
	writeFileSync(path.join(xdg, 'remote-sync', 'config.json'), JSON.stringify(config));
	return {XDG_CONFIG_HOME: xdg};
}

const published = {operation: compileOutputSchema('operation'), status: compileOutputSchema('status'), event: compileOutputSchema('events')};

/** The --json document, held to its published schema (closed): the tags fields are in it. */
function documentOf<T>(kind: 'operation' | 'status', run: CliRun): T {
	const document = parseJson<T>(run);
	expect(schemaErrors(published[kind], document), run.stdout).toBe('');
	return document;
}

const operationJson = (run: CliRun) => documentOf<PushJson>('operation', run);

const byName = <T extends {name: string}>(list: T[]) => Object.fromEntries(list.map(item => [item.name, item]));

describe('tags in push results (SPEC §4)', () => {
	it('an annotated tag follows main to a follow remote and not to a none remote; the results list it', async () => {
		const {repo, follow, none} = twoRemotes();
		commit(repo, 'release');
		git(repo, 'tag', '-a', 'v1.0', '-m', 'release');
		git(repo, 'tag', 'light');
		const run = await runCli(['--push', '--json'], {cwd: repo});
		expect(run.exitCode).toBe(0);
		const doc = operationJson(run);
		expect(doc.results.find(result => result.remote === 'mirror')).toMatchObject({status: 'pushed', tags: ['v1.0']});
		expect(doc.results.find(result => result.remote === 'plain')?.tags).toBeUndefined();
		expect(git(follow, 'tag', '--list')).toBe('v1.0');
		expect(git(none, 'tag', '--list')).toBe('');

		const text = await runCli(['--push'], {cwd: repo});
		expect(text.exitCode).toBe(0);
		git(repo, 'tag', '-a', 'v1.1', '-m', 'next');
		const again = await runCli(['--push', '--remote', 'mirror'], {cwd: repo});
		expect(again.stdout).toContain('Tags sent: v1.1');
	});

	it('a remote whose tag moved keeps it: its own blocked line with both shas, exit 1, the branch still pushed', async () => {
		const {repo, follow} = twoRemotes();
		const theirs = git(follow, 'rev-parse', 'refs/heads/main');
		git(follow, 'update-ref', 'refs/tags/v1.0', theirs);
		const sha = commit(repo, 'release');
		git(repo, 'tag', '-a', 'v1.0', '-m', 'ours');
		const ours = git(repo, 'rev-parse', 'refs/tags/v1.0');
		const run = await runCli(['--push', '--json', '--remote', 'mirror'], {cwd: repo});
		expect(run.exitCode).toBe(1);
		const doc = operationJson(run);
		expect(doc.results.map(result => [result.branch, result.tag, result.status])).toEqual([
			['main', undefined, 'pushed'],
			['main', 'v1.0', 'blocked'],
		]);
		expect(doc.results[1]).toMatchObject({sha: ours, remoteSha: theirs});
		expect(doc.results[1]!.message).toContain(theirs.slice(0, 7));
		expect(doc.results[1]!.message).toContain(ours.slice(0, 7));
		expect(doc.summary.blocked).toBe(1);
		expect(git(follow, 'rev-parse', 'refs/heads/main')).toBe(sha);
		expect(git(follow, 'rev-parse', 'refs/tags/v1.0')).toBe(theirs);

		// Every stream tells it the same way: CI progress lines and the --events result lines.
		const ci = await runCli(['--push', '--remote', 'mirror'], {cwd: repo, env: {CI: 'true'}});
		expect(ci.exitCode).toBe(1);
		expect(ci.stderr).toMatch(/^push mirror tag v1\.0: blocked in .* — mirror has tag v1\.0 at /m);
		const events = await runCli(['--push', '--events', '--remote', 'mirror'], {cwd: repo});
		const lines = events.stdout.split('\n').filter(Boolean).map(line => JSON.parse(line) as {type: string; result?: {tag?: string; status: string}});
		for (const line of lines) expect(schemaErrors(published.event, line), JSON.stringify(line)).toBe('');
		expect(lines.filter(line => line.type === 'result').map(line => [line.result?.tag, line.result?.status])).toEqual([
			[undefined, 'up-to-date'],
			['v1.0', 'blocked'],
		]);

		const dry = await runCli(['--push', '--dry-run', '--remote', 'mirror'], {cwd: repo});
		expect(dry.exitCode).toBe(1);
		expect(dry.stdout).toMatch(/mirror tag v1\.0 \[would-block\]/);
	});

	it('--push-all takes the tags of every branch it pushes', async () => {
		const {repo, follow} = twoRemotes();
		git(repo, 'switch', '-q', '-c', 'release/2');
		commit(repo, 'two');
		git(repo, 'tag', '-a', 'v2', '-m', 'two');
		git(repo, 'switch', '-q', 'main');
		const run = await runCli(['--push-all', '--json', '--remote', 'mirror'], {cwd: repo});
		expect(run.exitCode).toBe(0);
		const doc = operationJson(run);
		expect(doc.results.find(result => result.branch === 'release/2')?.tags).toEqual(['v2']);
		expect(git(follow, 'tag', '--list')).toBe('v2');
	});
});

describe('tags of a queued push', () => {
	it('go on delivery, chosen then: a tag made after the push was queued is sent with it', async () => {
		const served = tempDir('rst-served-');
		mkdirSync(path.join(served, 'away.git'));
		const bare = makeBare(path.join(served, 'away.git'));
		const first = await startGitDaemon({basePath: served});
		const repo = makeRepo();
		git(repo, 'remote', 'add', 'away', first.url('away.git'));
		git(repo, 'push', '-q', 'away', 'main');
		await first.stop();
		writeFileSync(path.join(repo, '.remotesyncrc.json'), JSON.stringify({retry_base_delay: 0.01, retry_max_delay: 0.05, remotes: {away: {retry: 0}}}));
		const sha = commit(repo, 'offline work');
		expect((await runCli(['--push'], {cwd: repo})).exitCode).toBe(3);

		git(repo, 'tag', '-a', 'v5', '-m', 'tagged while offline');
		await startGitDaemon({basePath: served, port: first.port});
		const processed = await runCli(['--process-queue', '--json'], {cwd: repo});
		expect(processed.exitCode).toBe(0);
		expect(operationJson(processed).results[0]).toMatchObject({remote: 'away', status: 'pushed', tags: ['v5']});
		expect(git(bare, 'rev-parse', 'main')).toBe(sha);
		expect(git(bare, 'rev-parse', 'refs/tags/v5')).toBe(git(repo, 'rev-parse', 'refs/tags/v5'));
	});
});

describe('tags in status (SPEC §3, §6)', () => {
	it('null before any fetch; after one, what the policy would push that the remote lacks, and what points elsewhere', async () => {
		const {repo, follow} = twoRemotes();
		git(follow, 'update-ref', 'refs/tags/moved', git(follow, 'rev-parse', 'refs/heads/main'));
		commit(repo, 'release');
		git(repo, 'tag', '-a', 'v1', '-m', 'one');
		git(repo, 'tag', '-a', 'v2', '-m', 'two');
		git(repo, 'tag', '-a', 'moved', '-m', 'ours');
		git(repo, 'tag', 'light');

		const before = documentOf<StatusJson>('status', await runCli(['--status', '--json', '--no-fetch'], {cwd: repo}));
		expect(byName(before.remotes).mirror?.tags).toBeNull();
		expect(byName(before.remotes).plain?.tags).toBeNull();
		const beforeText = await runCli(['--status', '--no-fetch'], {cwd: repo});
		expect(beforeText.stdout).toContain('tags never looked at');

		await runCli(['--fetch'], {cwd: repo});
		const after = documentOf<StatusJson>('status', await runCli(['--status', '--json', '--no-fetch'], {cwd: repo}));
		expect(byName(after.remotes).mirror?.tags).toEqual({missing: 2, differ: ['moved']});
		expect(byName(after.remotes).plain?.tags).toEqual({missing: 0, differ: []});
		// The remote's tags went to our own namespace, never into the user's refs/tags.
		expect(git(repo, 'rev-parse', 'refs/tags/moved')).not.toBe(git(follow, 'rev-parse', 'refs/tags/moved'));
		const text = await runCli(['--status', '--no-fetch'], {cwd: repo});
		expect(text.stdout).toContain('2 tags to push · moved points elsewhere there (never overwritten)');
		expect(text.stdout).toContain('tags in sync');

		// A push updates our copy as git updates a tracking ref: no fetch needed to see them there.
		expect((await runCli(['--push', '--remote', 'mirror'], {cwd: repo})).exitCode).toBe(1);
		const pushed = documentOf<StatusJson>('status', await runCli(['--status', '--json', '--no-fetch'], {cwd: repo}));
		expect(byName(pushed.remotes).mirror?.tags).toEqual({missing: 0, differ: ['moved']});
	});
});

describe('tags: names from outside reach no terminal as control codes', () => {
	it('a tag named with a C1 escape or a bidi override is shown inert in text and JSON', async () => {
		const {repo} = twoRemotes();
		const env = userConfig({remotes: {mirror: {tags: 'all'}}});
		const head = git(repo, 'rev-parse', 'HEAD');
		const names = ['csi\u009B31mred', 'bidi\u202Eevil'];
		for (const name of names) git(repo, 'update-ref', `refs/tags/${name}`, head);
		const json = await runCli(['--push', '--json', '--remote', 'mirror', '--dry-run'], {cwd: repo, env});
		expect(operationJson(json).results[0]?.tags).toHaveLength(2);
		const text = await runCli(['--push', '--remote', 'mirror'], {cwd: repo, env});
		expect(text.exitCode).toBe(0);
		for (const output of [text.stdout, text.stderr, json.stdout]) {
			expect(output).not.toMatch(/[\u0080-\u009F\u202A-\u202E]/);
		}

		expect(text.stdout).toContain('Tags sent:');
	});
});

describe('tags: a repo file cannot widen them on its own (SPEC §2 trust)', () => {
	it('its tags: "all" acts as follow until trusted: a lightweight tag stays home, and it says so', async () => {
		const {repo, follow} = twoRemotes();
		writeFileSync(path.join(repo, '.remotesyncrc.json'), JSON.stringify({remotes: {mirror: {tags: 'all'}}}));
		git(repo, 'tag', 'private-marker');
		const env = userConfig({});
		const run = await runCli(['--push', '--remote', 'mirror'], {cwd: repo, env});
		expect(run.exitCode).toBe(0);
		expect(run.stderr).toMatch(/tags is not trusted yet for mirror \(all acts as follow\); review it and run: remote-sync trust/);
		expect(git(follow, 'tag', '--list')).toBe('');

		expect((await runCli(['trust'], {cwd: repo, env})).exitCode).toBe(0);
		const trusted = await runCli(['--push', '--remote', 'mirror'], {cwd: repo, env});
		expect(trusted.exitCode).toBe(0);
		expect(git(follow, 'tag', '--list')).toBe('private-marker');
	});
});
