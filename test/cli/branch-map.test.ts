import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {commit, git, makeBare, makeRepo, startRefusingPort, tempDir} from '../harness/index.js';
import {pushFromElsewhere, refsOf} from '../core/push/helpers.js';
import {compileOutputSchema, schemaErrors} from '../setup/json-validator.js';
import {parseJson, runCli} from './run-cli.js';

/**
 * SPEC §2/§4 `branch_map`, end to end against real repositories: `{"main": "master"}` on a
 * legacy remote pushes, fetches, compares, leases and queues with `master` there. The map lives
 * in the user's own config (a repo file's mapping waits for trust, tested below too).
 */

// Closed copies of the published schemas: remoteBranch must be published where it is printed.
const validators = {
	status: compileOutputSchema('status'),
	operation: compileOutputSchema('operation'),
	queue: compileOutputSchema('queue'),
	event: compileOutputSchema('events'),
};

/** A user config (XDG) with `config`; returns the env that points at it. */
function userConfig(config: object): Record<string, string> {
	const xdg = tempDir('rst-branch-map-xdg-');
	mkdirSync(path.join(xdg, 'remote-sync'));
	writeFileSync(path.join(xdg, 'remote-sync', 'config.json'), JSON.stringify(config));
	return {XDG_CONFIG_HOME: xdg};
}

type Options = {legacy?: object; top?: object; otherRemotes?: Record<string, object>};

/** A work repo on main and a bare `legacy` remote that calls it master. */
function legacyRepo(options: Options = {}) {
	const repo = makeRepo();
	const bare = makeBare();
	git(repo, 'remote', 'add', 'legacy', bare);
	const env = userConfig({...options.top, remotes: {legacy: {branch_map: {main: 'master'}, retry: 0, ...options.legacy}, ...options.otherRemotes}});
	return {repo, bare, env};
}

const has = (bare: string, ref: string) => refsOf(bare).split('\n').some(line => line.startsWith(`${ref} `));

describe('branch_map main → master: push and status', () => {
	it('pushes main to master, then reports in sync (text and JSON)', async () => {
		const {repo, bare, env} = legacyRepo();
		const sha = git(repo, 'rev-parse', 'main');

		const push = await runCli(['--push', '--json'], {cwd: repo, env});
		expect(push.exitCode, push.stderr).toBe(0);
		const pushed = parseJson(push);
		expect(schemaErrors(validators.operation, pushed)).toBe('');
		expect(pushed.results).toMatchObject([{remote: 'legacy', branch: 'main', remoteBranch: 'master', status: 'pushed', sha}]);
		expect(git(bare, 'rev-parse', 'refs/heads/master')).toBe(sha);
		expect(has(bare, 'refs/heads/main')).toBe(false);

		const status = await runCli(['--status', '--json'], {cwd: repo, env});
		expect(status.exitCode, status.stderr).toBe(0);
		const doc = parseJson(status);
		expect(schemaErrors(validators.status, doc)).toBe('');
		expect(doc.remotes).toMatchObject([{name: 'legacy', remoteBranch: 'master', state: 'in-sync', ahead: 0, behind: 0, local: sha, remote: sha}]);

		const text = await runCli(['--status'], {cwd: repo, env});
		expect(text.stdout).toContain('Branch: main → master');
		expect(text.stdout).toContain('State: in sync');

		commit(repo, 'more');
		const again = await runCli(['--push'], {cwd: repo, env});
		expect(again.exitCode).toBe(0);
		expect(again.stdout).toMatch(/legacy\/main → master \[pushed\]/);
		expect(again.stdout).toContain('Successfully pushed main to legacy as master');
	});

	it('--events: the result line carries remoteBranch and matches the published schema', async () => {
		const {repo, env} = legacyRepo();
		const run = await runCli(['--push', '--events'], {cwd: repo, env});
		expect(run.exitCode, run.stderr).toBe(0);
		const lines = run.stdout.trim().split('\n').map(line => JSON.parse(line) as {type: string; result?: object});
		for (const line of lines) expect(schemaErrors(validators.event, line)).toBe('');
		expect(lines.find(line => line.type === 'result')?.result).toMatchObject({branch: 'main', remoteBranch: 'master', status: 'pushed'});
	});

	it("compares main with the remote's master, not with a main it may also have", async () => {
		const {repo, bare, env} = legacyRepo();
		git(repo, 'push', '-q', 'legacy', 'main:master');
		// The remote also holds an unrelated main (a leftover): it must not count.
		git(bare, 'update-ref', 'refs/heads/main', git(bare, 'commit-tree', 'refs/heads/master^{tree}', '-m', 'unrelated root'));
		const theirs = pushFromElsewhere(bare, 'on master', 'master');
		const doc = parseJson(await runCli(['--status', '--json'], {cwd: repo, env}));
		expect(doc.remotes).toMatchObject([{name: 'legacy', remoteBranch: 'master', state: 'behind', behind: 1, remote: theirs}]);
	});

	it('a narrow fetch refspec (one other branch) still fetches and compares master', async () => {
		const {repo, bare, env} = legacyRepo();
		git(repo, 'push', '-q', 'legacy', 'main:develop');
		git(repo, 'config', 'remote.legacy.fetch', '+refs/heads/develop:refs/remotes/legacy/develop');
		// Before the first push the remote has no master: status says so, the fetch does not fail.
		const before = parseJson(await runCli(['--status', '--json'], {cwd: repo, env}));
		expect(before.remotes).toMatchObject([{name: 'legacy', remoteBranch: 'master', state: 'missing', stale: false}]);

		git(bare, 'update-ref', 'refs/heads/master', git(repo, 'rev-parse', 'main'));
		const doc = parseJson(await runCli(['--status', '--json'], {cwd: repo, env}));
		expect(doc.remotes).toMatchObject([{name: 'legacy', remoteBranch: 'master', state: 'in-sync', stale: false}]);
		expect(git(repo, 'rev-parse', 'refs/remotes/legacy/master')).toBe(git(repo, 'rev-parse', 'main'));
	});

	it('divergence between remotes compares each remote’s own name for the branch', async () => {
		const {repo, bare, env} = legacyRepo({otherRemotes: {origin: {priority: 0}}});
		const origin = makeBare();
		git(repo, 'remote', 'add', 'origin', origin);
		git(repo, 'push', '-q', 'origin', 'main');
		git(repo, 'push', '-q', 'legacy', 'main:master');
		expect(parseJson(await runCli(['--status', '--json'], {cwd: repo, env})).divergence).toEqual([]);

		pushFromElsewhere(origin, 'only on origin');
		pushFromElsewhere(bare, 'only on legacy', 'master');
		const run = await runCli(['--status', '--json'], {cwd: repo, env});
		expect(parseJson(run).divergence).toEqual([{branch: 'main', remotes: ['origin', 'legacy']}]);
		expect(run.exitCode).toBe(1);
	});

	it('branches globs see the mapped name: ["master"] takes main', async () => {
		const {repo, bare, env} = legacyRepo({legacy: {branches: ['master']}});
		const doc = parseJson(await runCli(['--push', '--json'], {cwd: repo, env}));
		expect(doc.results).toMatchObject([{branch: 'main', remoteBranch: 'master', status: 'pushed'}]);
		expect(git(bare, 'rev-parse', 'master')).toBe(git(repo, 'rev-parse', 'main'));
	});

	it('branches globs see the mapped name: ["*", "!master"] keeps main off it', async () => {
		const {repo, bare, env} = legacyRepo({legacy: {branches: ['*', '!master']}});
		const doc = parseJson(await runCli(['--push', '--json'], {cwd: repo, env}));
		expect(doc.results).toMatchObject([{branch: 'main', status: 'skipped'}]);
		expect(refsOf(bare)).toBe('');
	});

	it('--push-all: main goes to master, dev keeps its name, a local master is not sent onto main’s place', async () => {
		const {repo, bare, env} = legacyRepo();
		git(repo, 'branch', 'dev');
		git(repo, 'branch', 'master', git(repo, 'commit-tree', 'HEAD^{tree}', '-m', 'a local master'));
		const run = await runCli(['--push-all', '--json'], {cwd: repo, env});
		const doc = parseJson(run);
		expect(schemaErrors(validators.operation, doc)).toBe('');
		const byBranch = Object.fromEntries(doc.results.map((result: {branch: string}) => [result.branch, result]));
		expect(byBranch.main).toMatchObject({remoteBranch: 'master', status: 'pushed'});
		expect(byBranch.dev).toMatchObject({status: 'pushed'});
		expect(byBranch.dev.remoteBranch).toBeUndefined();
		expect(byBranch.master).toMatchObject({status: 'skipped', message: 'legacy does not take branch master (its master is where branch_map sends main)'});
		expect(git(bare, 'rev-parse', 'master')).toBe(git(repo, 'rev-parse', 'main'));
		expect(git(bare, 'rev-parse', 'dev')).toBe(git(repo, 'rev-parse', 'dev'));
		expect(has(bare, 'refs/heads/main')).toBe(false);
		expect(run.exitCode).toBe(0);
	});

	it('text status says why a branch is not synced: a name the map claims, or the branches globs', async () => {
		const {repo, env} = legacyRepo({otherRemotes: {narrow: {branches: ['release/*']}}});
		git(repo, 'remote', 'add', 'narrow', makeBare());
		git(repo, 'checkout', '-q', '-b', 'master');
		const run = await runCli(['--status', '--no-fetch', '--no-color'], {cwd: repo, env});
		expect(run.exitCode, run.stderr).toBe(0);
		expect(run.stdout).toContain('State: not synced: its master is where branch_map sends main');
		expect(run.stdout).toContain('State: not synced: branches: release/*');
	});

	it("a repository file's branches glob reaches the status text inert, colour on or off", async () => {
		const {repo, env} = legacyRepo();
		git(repo, 'remote', 'add', 'narrow', makeBare());
		// A cloned repository's file: its words are foreign text, here a blink, our palette's own red and a title change.
		writeFileSync(path.join(repo, '.remotesyncrc.json'), JSON.stringify({remotes: {narrow: {branches: ['\u001b[5mrelease/*\u001b[31m\u001b]0;owned\u0007']}}}));
		for (const colour of ['--no-color', '--color']) {
			const run = await runCli(['--status', '--no-fetch', colour], {cwd: repo, env});
			expect(run.exitCode, run.stderr).toBe(0);
			const state = run.stdout.split('\n').find(line => line.includes('not synced: branches:'));
			expect(state, run.stdout).toBeDefined();
			// The line is painted dim by us; none of the file's codes reaches the terminal.
			expect(state!.replace(/\u001b\[(?:2|22)m/g, ''), colour).not.toMatch(/[\u0007\u001b]/);
		}
	});

	it('dry-run predicts the mapped name and changes nothing', async () => {
		const {repo, bare, env} = legacyRepo();
		const dry = parseJson(await runCli(['--push', '--dry-run', '--json'], {cwd: repo, env}));
		expect(dry.results).toMatchObject([{remoteBranch: 'master', status: 'would-push'}]);
		expect(refsOf(bare)).toBe('');

		git(repo, 'push', '-q', 'legacy', 'main:master');
		pushFromElsewhere(bare, 'theirs', 'master');
		commit(repo, 'mine');
		const before = refsOf(bare);
		const blocked = parseJson(await runCli(['--push', '--dry-run', '--json'], {cwd: repo, env}));
		expect(blocked.results).toMatchObject([{remoteBranch: 'master', status: 'would-block'}]);
		expect(blocked.results[0].error).toContain('legacy/master has 1 commit that main lacks');
		expect(blocked.results[0].error).toContain('git pull --rebase legacy master');
		expect(refsOf(bare)).toBe(before);
	});
});

const forcing = [
	['warn', ['--push', '--force']],
	['allow', ['--push']],
] as const;

describe.each(forcing)('branch_map and the lease (force_push %s, remote-sync %s)', (policy, args) => {
	function teammatePushedToMaster() {
		const {repo, bare, env} = legacyRepo({legacy: {force_push: policy}});
		commit(repo, 'mine');
		git(repo, 'push', '-q', 'legacy', 'main:master');
		const theirs = pushFromElsewhere(bare, 'teammate work', 'master');
		return {repo, bare, env, theirs};
	}

	it("a teammate's commit pushed to master after our view survives: rejected, fetch and review first", async () => {
		const {repo, bare, env, theirs} = teammatePushedToMaster();
		git(repo, 'commit', '-q', '--amend', '-m', 'mine, amended');
		const run = await runCli([...args, '--json'], {cwd: repo, env});
		expect(run.exitCode).toBe(1);
		const result = parseJson(run).results[0];
		expect(result).toMatchObject({remote: 'legacy', branch: 'main', remoteBranch: 'master', status: 'rejected'});
		expect(result.error).toMatch(/legacy moved since it was last fetched: master is .* there, legacy\/master is .*fetch and review first \(git fetch legacy; git log main\.\.legacy\/master\)/);
		expect(git(bare, 'rev-parse', 'master')).toBe(theirs);

		const text = await runCli([...args], {cwd: repo, env});
		expect(text.stderr).toMatch(/legacy\/main → master rejected: .*fetch and review first/);
		expect(git(bare, 'rev-parse', 'master')).toBe(theirs);
	});

	it('leases on refs/remotes/legacy/master: once master is integrated the force goes out, with that lease', async () => {
		const {repo, bare, env, theirs} = teammatePushedToMaster();
		// A stale tracking ref under the local name (the remote once had a main too) must not be what is leased on.
		git(repo, 'update-ref', 'refs/remotes/legacy/main', git(repo, 'rev-parse', 'main~1'));
		git(repo, 'pull', '-q', '--rebase', 'legacy', 'master');
		git(repo, 'commit', '-q', '--amend', '--allow-empty', '-m', 'teammate work, reworded');
		const run = await runCli([...args, '--verbose'], {cwd: repo, env});
		expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
		expect(run.stdout).toContain(`--force-with-lease=refs/heads/master:${theirs}`);
		expect(git(bare, 'rev-parse', 'master')).toBe(git(repo, 'rev-parse', 'main'));
		expect(has(bare, 'refs/heads/main')).toBe(false);
	});
});

describe('branch_map: bad maps stop everything (exit 2, nothing pushed)', () => {
	it.each([
		['two local branches to one remote name', {main: 'master', trunk: 'master'}, /branch_map\.trunk: "main" and "trunk" both go to "master" on legacy/],
		['a target that is no branch name', {main: 'master:refs/heads/x'}, /branch_map\.main: "master:refs\/heads\/x" is not a valid branch name/],
		['a target that would be an option', {main: '--exec=touch pwned'}, /begins with "-"/],
	])('%s', async (_what, map, message) => {
		const {repo, bare, env} = legacyRepo({legacy: {branch_map: map}});
		for (const action of [['--push'], ['--push-all'], ['--status']]) {
			const run = await runCli(action, {cwd: repo, env});
			expect(run.exitCode).toBe(2);
			expect(run.stderr.trim().split('\n')).toHaveLength(1);
			expect(run.stderr).toMatch(message);
			expect(run.stdout).toBe('');
		}

		expect(refsOf(bare)).toBe('');
	});
});

describe("branch_map from the repository's own file waits for trust", () => {
	it('until trusted main keeps its name (never sent to the branch the file names), with a warning', async () => {
		const repo = makeRepo();
		const bare = makeBare();
		git(repo, 'remote', 'add', 'origin', bare);
		writeFileSync(path.join(repo, '.remotesyncrc.json'), JSON.stringify({remotes: {origin: {branch_map: {main: 'production'}}}}));
		const run = await runCli(['--push'], {cwd: repo});
		expect(run.exitCode).toBe(0);
		expect(run.stderr).toMatch(/branch_map is not trusted yet for origin \(main → production acts as main → main\); review it and run: remote-sync trust/);
		expect(has(bare, 'refs/heads/production')).toBe(false);
		expect(git(bare, 'rev-parse', 'main')).toBe(git(repo, 'rev-parse', 'main'));

		const home = {XDG_CONFIG_HOME: tempDir('rst-trusting-')};
		const trust = await runCli(['trust'], {cwd: repo, env: home});
		expect(trust.exitCode, trust.stderr).toBe(0);
		commit(repo, 'after trust');
		const trusted = await runCli(['--push', '--json'], {cwd: repo, env: home});
		expect(parseJson(trusted).results).toMatchObject([{remoteBranch: 'production', status: 'pushed'}]);
		expect(git(bare, 'rev-parse', 'production')).toBe(git(repo, 'rev-parse', 'main'));
	});
});

describe('branch_map and the offline queue', () => {
	async function queuedWhileOffline() {
		const refusing = await startRefusingPort();
		const {repo, bare, env} = legacyRepo({top: {retry_base_delay: 0.01, retry_max_delay: 0.02}});
		git(repo, 'remote', 'set-url', 'legacy', refusing.url);
		const sha = git(repo, 'rev-parse', 'main');
		const push = await runCli(['--push', '--json'], {cwd: repo, env});
		expect(push.exitCode, push.stderr).toBe(3);
		expect(parseJson(push).results).toMatchObject([{remoteBranch: 'master', status: 'queued'}]);
		return {repo, bare, env, sha};
	}

	it('an offline push of main is queued for master, and --process-queue delivers it there', async () => {
		const {repo, bare, env, sha} = await queuedWhileOffline();
		const shown = parseJson(await runCli(['--show-queue', '--json'], {cwd: repo, env}));
		expect(schemaErrors(validators.queue, shown)).toBe('');
		expect(shown.entries).toMatchObject([{remote: 'legacy', branch: 'main', remoteBranch: 'master', sha}]);
		expect((await runCli(['--show-queue'], {cwd: repo, env})).stdout).toContain('legacy/main → master');

		git(repo, 'remote', 'set-url', 'legacy', bare);
		const run = await runCli(['--process-queue', '--json'], {cwd: repo, env});
		expect(run.exitCode, run.stderr).toBe(0);
		expect(parseJson(run).results).toMatchObject([{remote: 'legacy', branch: 'main', remoteBranch: 'master', status: 'pushed'}]);
		expect(git(bare, 'rev-parse', 'master')).toBe(sha);
		expect(has(bare, 'refs/heads/main')).toBe(false);
		expect(parseJson(await runCli(['--show-queue', '--json'], {cwd: repo, env})).entries).toEqual([]);
	});

	it('a push that lands later removes the entry (removeDelivered on the mapped name)', async () => {
		const {repo, bare, env, sha} = await queuedWhileOffline();
		git(repo, 'remote', 'set-url', 'legacy', bare);
		const run = await runCli(['--push', '--json'], {cwd: repo, env});
		expect(parseJson(run).results).toMatchObject([{remoteBranch: 'master', status: 'pushed'}]);
		expect(git(bare, 'rev-parse', 'master')).toBe(sha);
		expect(parseJson(await runCli(['--show-queue', '--json'], {cwd: repo, env})).entries).toEqual([]);
	});

	it('a map changed since queueing delivers nowhere and keeps the entry', async () => {
		const {repo, bare, sha} = await queuedWhileOffline();
		git(repo, 'remote', 'set-url', 'legacy', bare);
		const changed = userConfig({remotes: {legacy: {branch_map: {main: 'trunk'}, retry: 0}}});
		const run = await runCli(['--process-queue', '--json'], {cwd: repo, env: changed});
		const result = parseJson(run).results[0];
		expect(result).toMatchObject({status: 'skipped', remoteBranch: 'master'});
		expect(result.message).toContain("it was queued for legacy's master, but branch_map now sends main to trunk");
		expect(refsOf(bare)).toBe('');
		expect(parseJson(await runCli(['--show-queue', '--json'], {cwd: repo, env: changed})).entries).toMatchObject([{remoteBranch: 'master', sha}]);
	});
});
