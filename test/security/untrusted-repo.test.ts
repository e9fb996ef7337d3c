import {chmodSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it, vi} from 'vitest';
import {parseJson, runCli} from '../cli/run-cli.js';
import {commit, git, makeBare, makeRepo, startDelayProxy, startGitDaemon, tempDir} from '../harness/index.js';
import {expectCleanEnd, writeRepoConfig} from '../reliability/support.js';

/**
 * SPEC §2: "A cloned repo must never run code by being opened or pushed." Everything here
 * arrives by `git clone` of a hostile repository, then the user runs the program in it.
 * (The harness's git config allows every transport, `ext::` included, like a user who once
 * needed it: the program must not rely on git's defaults to stay safe.)
 */

// Each test runs the real program many times; on a loaded 2-core machine one run can take seconds.
vi.setConfig({testTimeout: 180_000});

function cloneOf(prepare: (source: string) => void): string {
	const source = makeRepo();
	prepare(source);
	git(source, 'add', '-A');
	git(source, 'commit', '-q', '-m', 'looks harmless');
	const clone = path.join(tempDir('rst-clone-'), 'checkout');
	git(path.dirname(clone), 'clone', '-q', source, clone);
	return clone;
}

const actions = [['--status'], ['--health-check'], ['--fetch'], ['--push'], ['--push-all', '--dry-run']];

describe('a cloned repository runs nothing of its own', () => {
	it('VPN commands in its config are shown, not run — until `trust`, and again after they change', async () => {
		const canary = path.join(tempDir('rst-canary-'), 'pwned');
		const clone = cloneOf(source =>
			writeRepoConfig(source, {
				remotes: {internal: {url: '/nonexistent/internal.git', vpn: 'corp', retry: 0}},
				vpn: {corp: {connect_cmd: `touch ${canary}`, check_cmd: `touch ${canary}; false`, disconnect_cmd: `touch ${canary}`, timeout: 5}},
			}),
		);
		for (const args of actions) {
			const run = await runCli(args, {cwd: clone});
			expectCleanEnd(run, args.join(' '));
			expect(existsSync(canary), `${args.join(' ')} ran an untrusted command`).toBe(false);
		}

		const pushed = await runCli(['--push'], {cwd: clone});
		expect(pushed.stdout + pushed.stderr).toContain('remote-sync trust');
		// Trusting is the user's explicit act; from then on those exact commands may run.
		const xdg = tempDir('rst-xdg-');
		expect((await runCli(['trust'], {cwd: clone, env: {XDG_CONFIG_HOME: xdg}})).exitCode).toBe(0);
		await runCli(['--push'], {cwd: clone, env: {XDG_CONFIG_HOME: xdg}});
		expect(existsSync(canary)).toBe(true);
		// A pull that changes a command needs trust again.
		const changed = path.join(path.dirname(canary), 'changed');
		writeRepoConfig(clone, {remotes: {internal: {url: '/nonexistent/internal.git', vpn: 'corp', retry: 0}}, vpn: {corp: {connect_cmd: `touch ${changed}`, timeout: 5}}});
		await runCli(['--push'], {cwd: clone, env: {XDG_CONFIG_HOME: xdg}});
		expect(existsSync(changed)).toBe(false);
	});

	it('a config url using the ext:: transport (which runs a command) is refused before git runs', async () => {
		const canary = path.join(tempDir('rst-canary-'), 'pwned');
		const clone = cloneOf(source => writeRepoConfig(source, {remotes: {backup: {url: `ext::sh -c touch% ${canary}`}}}));
		for (const args of actions) {
			const run = await runCli(args, {cwd: clone});
			expectCleanEnd(run, args.join(' '));
			expect(existsSync(canary), `${args.join(' ')} ran the ext:: command`).toBe(false);
			expect(run.exitCode, run.stderr).toBe(2);
			expect(run.stderr).toContain('remotes.backup.url');
		}
	});

	it('a config url pointing into the clone (a bare repository with hooks) is refused before pushing', async () => {
		const canary = path.join(tempDir('rst-canary-'), 'pwned');
		const clone = cloneOf(source => {
			// A bare repository tracked as ordinary files, with an executable pre-receive hook.
			const evil = path.join(source, 'vendor', 'mirror.git');
			git(source, 'init', '-q', '--bare', evil);
			writeFileSync(path.join(evil, 'hooks', 'pre-receive'), `#!/bin/sh\ntouch '${canary}'\n`);
			chmodSync(path.join(evil, 'hooks', 'pre-receive'), 0o755);
			for (const dir of ['objects', 'refs']) {
				mkdirSync(path.join(evil, dir), {recursive: true});
				writeFileSync(path.join(evil, dir, '.keep'), '');
			}

			writeRepoConfig(source, {remotes: {backup: {url: './vendor/mirror.git'}, other: {url: `file://${path.join(source, 'vendor', 'mirror.git')}`}}});
		});
		expect(existsSync(path.join(clone, 'vendor', 'mirror.git', 'hooks', 'pre-receive'))).toBe(true);
		commit(clone, 'new work');
		for (const args of [['--push'], ['--status']]) {
			const run = await runCli(args, {cwd: clone});
			expectCleanEnd(run, args.join(' '));
			expect(existsSync(canary), `${args.join(' ')} ran a hook shipped inside the clone`).toBe(false);
			expect(run.exitCode, run.stderr).toBe(2);
			expect(run.stderr).toMatch(/remotes\.(backup|other)\.url/);
		}
	});
});

type Result = {remote: string; branch: string; status: string; message?: string};
const resultFor = (run: {stdout: string}, remote: string) => parseJson<{results: Result[]}>(run as never).results.filter(result => result.remote === remote);

/** The attacker's server: a real git daemon, reached through a counting proxy (connections() says whether anyone knocked). */
async function attackerServer() {
	const base = tempDir('rst-attacker-');
	const bare = path.join(base, 'loot.git');
	mkdirSync(bare);
	makeBare(bare);
	const daemon = await startGitDaemon({basePath: base});
	const proxy = await startDelayProxy({targetPort: daemon.port, delayMs: 0});
	const refs = () => git(bare, 'for-each-ref', '--format=%(refname)');
	return {url: proxy.url('loot.git'), refs, connections: () => proxy.connections()};
}

describe('a cloned repository adds no destination of its own until trusted', () => {
	/** A clone whose repo file adds `mirror` → the attacker's server; the user has a private branch. */
	async function cloneAddingDestination() {
		const attacker = await attackerServer();
		const clone = cloneOf(source => writeRepoConfig(source, {remotes: {mirror: {url: attacker.url, retry: 0}}}));
		git(clone, 'checkout', '-q', '-b', 'secret');
		commit(clone, 'private notes');
		git(clone, 'checkout', '-q', 'main');
		const env = {XDG_CONFIG_HOME: tempDir('rst-xdg-')};
		return {attacker, clone, run: (...args: string[]) => runCli(args, {cwd: clone, env})};
	}

	it('a repo `url` for a remote git lacks is "untrusted, not pushed": never fetched, probed or pushed', async () => {
		const {attacker, run} = await cloneAddingDestination();
		const runs = new Map<string, Awaited<ReturnType<typeof run>>>();
		for (const args of [['--status', '--json'], ['--status'], ['--fetch'], ['--health-check', '--json'], ['--push'], ['--push-all', '--json'], ['--process-queue']]) {
			const result = await run(...args);
			expectCleanEnd(result, args.join(' '));
			expect(result.exitCode, `${args.join(' ')}: ${result.stderr}`).toBe(0);
			runs.set(args.join(' '), result);
		}

		expect(attacker.refs(), 'the private branch reached the untrusted destination').toBe('');
		expect(attacker.connections(), 'the untrusted destination was contacted').toBe(0);

		const results = resultFor(runs.get('--push-all --json')!, 'mirror');
		expect(results.map(result => result.branch).sort()).toEqual(['main', 'secret']);
		for (const result of results) {
			expect(result.status).toBe('skipped');
			expect(result.message).toMatch(/^untrusted, not pushed: .*run: remote-sync trust$/);
		}

		const status = parseJson<{remotes: Array<{name: string; untrusted?: string}>}>(runs.get('--status --json')!);
		expect(status.remotes.find(remote => remote.name === 'mirror')?.untrusted).toMatch(/^untrusted, not pushed: .*remote-sync trust$/);
		expect(runs.get('--status')!.stdout).toContain('untrusted, not pushed');
		const health = parseJson<{remotes: Array<{name: string; class: string}>}>(runs.get('--health-check --json')!);
		expect(health.remotes.find(remote => remote.name === 'mirror')).toMatchObject({class: 'untrusted'});
	});

	it('after `trust` the destination is used; a url changed by a pull needs trust again', async () => {
		const {attacker, clone, run} = await cloneAddingDestination();
		// Trusting is the user's own act (this also proves the test can see a push arrive).
		const trusted = await run('trust');
		expect(trusted.stdout).toContain(`remotes.mirror.url: ${attacker.url}`);
		expect(attacker.connections()).toBe(0);
		await run('--push-all');
		expect(attacker.refs()).toContain('refs/heads/secret');

		const other = await attackerServer();
		writeRepoConfig(clone, {remotes: {mirror: {url: other.url, retry: 0}}});
		const again = await run('--push-all', '--json');
		expect(resultFor(again, 'mirror').map(result => result.status)).toEqual(['skipped', 'skipped']);
		await run('--health-check');
		expect(other.connections()).toBe(0);
		expect(other.refs()).toBe('');
	});

	it('a repo `url` for a remote the user added with `git remote add` is ignored: git\'s url is used, no trust needed', async () => {
		const attacker = await attackerServer();
		const own = makeBare();
		const clone = cloneOf(source => writeRepoConfig(source, {remotes: {backup: {url: attacker.url}}}));
		git(clone, 'remote', 'add', 'backup', own);
		const pushed = await runCli(['--push', '--json'], {cwd: clone});
		expect(resultFor(pushed, 'backup')).toMatchObject([{status: 'pushed'}]);
		expect(git(own, 'rev-parse', 'main')).toBe(git(clone, 'rev-parse', 'main'));
		expect(attacker.connections()).toBe(0);
	});
});

describe('a cloned repository loosens no force-push policy until trusted', () => {
	/** A clone whose own origin has moved on (a teammate's commit) while the user rewrote main: pushing needs a force. */
	function divergedClone(config: object): {clone: string; upstream: string; teammate: string} {
		const upstream = makeBare();
		const author = makeRepo();
		writeRepoConfig(author, config);
		git(author, 'add', '-A');
		git(author, 'commit', '-q', '-m', 'config');
		git(author, 'push', '-q', upstream, 'main');
		const clone = path.join(tempDir('rst-clone-'), 'checkout');
		git(path.dirname(clone), 'clone', '-q', upstream, clone);
		git(author, 'pull', '-q', upstream, 'main');
		const teammate = commit(author, "a teammate's work");
		git(author, 'push', '-q', upstream, 'main');
		git(clone, 'fetch', '-q', 'origin');
		commit(clone, 'my rewrite');
		return {clone, upstream, teammate};
	}

	it('`force_push: "allow"` from the repo file acts as `warn` (said once), and as `allow` only after `trust`', async () => {
		const {clone, upstream, teammate} = divergedClone({remotes: {origin: {force_push: 'allow', retry: 0}}});
		const xdg = tempDir('rst-xdg-');
		const run = (...args: string[]) => runCli(args, {cwd: clone, env: {XDG_CONFIG_HOME: xdg}});

		const pushed = await run('--push', '--json');
		expect(resultFor(pushed, 'origin')).toMatchObject([{status: 'blocked'}]);
		expect(pushed.exitCode).toBe(1);
		expect(git(upstream, 'rev-parse', 'main'), "the teammate's commit was overwritten").toBe(teammate);
		const warnings = pushed.stderr.split('\n').filter(line => line.includes('force_push is not trusted'));
		expect(warnings).toEqual([expect.stringMatching(/origin \(allow acts as warn\); review it and run: remote-sync trust$/)]);
		expect(resultFor(await run('--push', '--dry-run', '--json'), 'origin')).toMatchObject([{status: 'would-block'}]);

		expect((await run('trust')).stdout).toContain('remotes.origin.force_push: allow');
		// Trusted, `allow` applies — and still only over what this branch integrated (the lease):
		// the teammate's commit was fetched, never integrated, so it is refused, not blocked.
		const trusted = await run('--push', '--dry-run', '--json');
		expect(resultFor(trusted, 'origin')).toMatchObject([{status: 'rejected'}]);
		expect(trusted.stderr).not.toContain('force_push is not trusted');
		// Once the branch has held the remote's tip (here: reset onto it, then rewritten), the force is the user's.
		git(clone, 'reset', '-q', '--hard', 'origin/main');
		git(clone, 'reset', '-q', '--hard', 'HEAD~1');
		commit(clone, 'my rewrite, after looking at theirs');
		expect(resultFor(await run('--push', '--dry-run', '--json'), 'origin')).toMatchObject([{status: 'would-force'}]);
	});

	it("never loosens the user's own explicit policy: the repo's `warn` over the user's `block` stays `block` even with --force", async () => {
		const {clone, upstream, teammate} = divergedClone({remotes: {origin: {force_push: 'warn', retry: 0}}});
		const xdg = tempDir('rst-xdg-');
		mkdirSync(path.join(xdg, 'remote-sync'), {recursive: true});
		writeFileSync(path.join(xdg, 'remote-sync', 'config.json'), JSON.stringify({remotes: {origin: {force_push: 'block'}}}));
		const forced = await runCli(['--push', '--force', '--json'], {cwd: clone, env: {XDG_CONFIG_HOME: xdg}});
		expect(resultFor(forced, 'origin')).toMatchObject([{status: 'blocked'}]);
		expect(forced.stderr).toContain('origin (warn acts as block)');
		expect(git(upstream, 'rev-parse', 'main')).toBe(teammate);
	});
});

describe('trust pins the checkout files a command runs', () => {
	/** A clone whose VPN runs scripts shipped in the repository; each run leaves a canary. */
	function cloneWithScripts(connect: string): {clone: string; canary: string; run: (...args: string[]) => ReturnType<typeof runCli>} {
		const canaries = tempDir('rst-canary-');
		const canary = path.join(canaries, 'ran');
		const clone = cloneOf(source => {
			mkdirSync(path.join(source, 'scripts'));
			writeFileSync(path.join(source, 'scripts', 'vpn-up.sh'), `#!/bin/sh\n. ./scripts/lib.sh\ntouch '${canary}'\nexit 1\n`);
			chmodSync(path.join(source, 'scripts', 'vpn-up.sh'), 0o755);
			writeFileSync(path.join(source, 'scripts', 'lib.sh'), 'true\n');
			writeRepoConfig(source, {remotes: {internal: {vpn: 'corp', retry: 0}}, vpn: {corp: {connect_cmd: connect, check_cmd: 'false', timeout: 10}}});
		});
		// The user's own remote, reachable only "through the VPN".
		git(clone, 'remote', 'add', 'internal', '/nonexistent/internal.git');
		const env = {XDG_CONFIG_HOME: tempDir('rst-xdg-')};
		return {clone, canary, run: (...args: string[]) => runCli(args, {cwd: clone, env})};
	}

	for (const connect of ['./scripts/vpn-up.sh', 'sh scripts/vpn-up.sh', 'bash ./scripts/vpn-up.sh']) {
		it(`\`${connect}\`: trusted, it runs; after the script changes it does not, and says to trust again`, async () => {
			const {clone, canary, run} = cloneWithScripts(connect);
			expect((await run('trust')).stdout).toContain('corp runs scripts/vpn-up.sh');
			await run('--push', '--remote', 'internal');
			expect(existsSync(canary), 'the trusted script did not run').toBe(true);
			rmSync(canary);

			writeFileSync(path.join(clone, 'scripts', 'vpn-up.sh'), `#!/bin/sh\ntouch '${canary}'\necho stolen\n`);
			const pushed = await run('--push', '--remote', 'internal', '--json');
			expect(existsSync(canary), 'a script changed after trust ran').toBe(false);
			expect(JSON.stringify(resultFor(pushed, 'internal'))).toContain('are not trusted; review them and run: remote-sync trust');
		});
	}

	it('a helper the trusted script sources is pinned too; a pulled commit changing it needs trust again', async () => {
		const {clone, canary, run} = cloneWithScripts('./scripts/vpn-up.sh');
		await run('trust');
		writeFileSync(path.join(clone, 'scripts', 'lib.sh'), `touch '${canary}'\n`);
		git(clone, 'commit', '-q', '-am', 'pulled: a harmless-looking change');
		await run('--push', '--remote', 'internal');
		await run('--health-check');
		expect(existsSync(canary)).toBe(false);
	});

	it('files the command writes itself (untracked: a log, a pid file) do not count as a change', async () => {
		const {clone, canary, run} = cloneWithScripts('./scripts/vpn-up.sh > vpn.log');
		await run('trust');
		await run('--push', '--remote', 'internal');
		expect(existsSync(path.join(clone, 'vpn.log'))).toBe(true);
		rmSync(canary);
		await run('--push', '--remote', 'internal');
		expect(existsSync(canary), 'trust lapsed because the command wrote its own log').toBe(true);
	});
});

describe('a relative XDG_CONFIG_HOME is ignored (XDG spec), by the trust store too', () => {
	it('run from inside the repository, trust.json is never written there, and one shipped there approves nothing', async () => {
		const canary = path.join(tempDir('rst-canary-'), 'pwned');
		const clone = cloneOf(source => writeRepoConfig(source, {remotes: {internal: {url: '/nonexistent/internal.git', vpn: 'corp', retry: 0}}, vpn: {corp: {connect_cmd: `touch ${canary}`, timeout: 5}}}));
		const home = tempDir('rst-home-');
		// An approval file as the old code would have read it with XDG_CONFIG_HOME=cfg: inside the repository.
		await runCli(['trust'], {cwd: clone, env: {XDG_CONFIG_HOME: path.join(clone, 'cfg')}});
		expect(existsSync(path.join(clone, 'cfg', 'remote-sync', 'trust.json'))).toBe(true);
		git(clone, 'add', '-A');
		git(clone, 'commit', '-q', '-m', 'ship an approval');
		const before = readdirSync(clone).sort();

		const relative = {XDG_CONFIG_HOME: 'cfg', HOME: home};
		for (const args of [['--push'], ['--status'], ['--health-check'], ['--fetch']]) {
			const result = await runCli(args, {cwd: clone, env: relative});
			expectCleanEnd(result, args.join(' '));
			expect(existsSync(canary), `${args.join(' ')} trusted an approval shipped in the repository`).toBe(false);
		}

		// `trust` itself writes to ~/.config, never to <repo>/cfg or <repo>/remote-sync.
		rmSync(path.join(clone, 'cfg'), {recursive: true});
		expect((await runCli(['trust'], {cwd: clone, env: relative})).exitCode).toBe(0);
		expect(existsSync(path.join(home, '.config', 'remote-sync', 'trust.json'))).toBe(true);
		expect(readdirSync(clone).sort()).toEqual(before.filter(name => name !== 'cfg'));
	});
});
