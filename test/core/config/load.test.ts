import {copyFileSync, mkdirSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {defaults, remoteDefaults} from '../../../source/core/config/defaults.js';
import {UsageError} from '../../../source/core/errors.js';
import {makeRepo, tempDir} from '../../harness/index.js';
import {load, loadError, remote, sandbox, writeJson, writeText} from './helpers.js';

const briefExample = fileURLToPath(new URL('fixtures/brief-example.json', import.meta.url));

describe('config layers: defaults < user < repo file < environment < CLI', () => {
	it('uses the defaults when no layer says anything', async () => {
		const box = sandbox({origin: 'https://example.com/a.git'});
		const config = await load(box);
		expect(config.settings).toEqual({
			parallel: defaults.parallel,
			maxWorkers: defaults.max_workers,
			offlineQueue: defaults.offline_queue,
			healthCheckTimeoutSeconds: defaults.health_check_timeout,
			refreshIntervalSeconds: 60,
			retryBaseDelaySeconds: defaults.retry_base_delay,
			retryMaxDelaySeconds: defaults.retry_max_delay,
			autoFetch: defaults.auto_fetch,
			stallTimeoutSeconds: 10,
			dryRun: false,
			verbose: false,
		});
		expect(config.files).toEqual([]);
		expect(config.warnings).toEqual([]);
		expect(config.workTree).toBe(box.repo);
	});

	it('carries stall_timeout to the settings and to every remote', async () => {
		const box = sandbox({origin: 'https://example.com/a.git'});
		writeJson(path.join(box.repo, '.remotesyncrc.json'), {stall_timeout: 2.5});
		const config = await load(box);
		expect(config.settings.stallTimeoutSeconds).toBe(2.5);
		expect(remote(config, 'origin')).toMatchObject({stallTimeoutSeconds: 2.5});
	});

	it('a remote named like a property every object has ("constructor", "__proto__", "toString") gets the defaults, not what the object inherits', async () => {
		// A computed key: a literal __proto__ would set the prototype, not add a remote.
		const box = sandbox({constructor: 'https://example.com/a.git', ['__proto__']: 'https://example.com/b.git', toString: 'https://example.com/c.git'});
		writeJson(path.join(box.repo, '.remotesyncrc.json'), {remotes: {other: {url: 'https://example.com/d.git', retry: 1}}});
		const config = await load(box);
		for (const name of ['constructor', '__proto__', 'toString']) {
			expect(remote(config, name), name).toMatchObject({configured: false, priority: remoteDefaults.priority, retry: remoteDefaults.retry, branches: remoteDefaults.branches, enabled: true});
		}
	});

	it('lets the repo file override the user file, key by key', async () => {
		const box = sandbox({origin: 'https://example.com/a.git'});
		const user = writeJson(path.join(box.userDir, 'config.json'), {parallel: false, max_workers: 2, remotes: {origin: {branches: ['main'], retry: 1}}});
		const repo = writeJson(path.join(box.repo, '.remotesyncrc.json'), {max_workers: 6, remotes: {origin: {retry: 5}}});
		const config = await load(box);
		expect(config.settings.parallel).toBe(false);
		expect(config.settings.maxWorkers).toBe(6);
		expect(remote(config, 'origin')).toMatchObject({branches: ['main'], retry: 5, configured: true});
		expect(config.files).toEqual([user, repo]);
	});

	it('lets the environment override the files, and the CLI override the environment', async () => {
		const box = sandbox();
		writeJson(path.join(box.repo, '.remotesyncrc.json'), {parallel: true, max_workers: 6, offline_queue: true});
		const env = {REMOTE_SYNC_PARALLEL: 'no', REMOTE_SYNC_MAX_WORKERS: '3', REMOTE_SYNC_OFFLINE_QUEUE: 'false', REMOTE_SYNC_DRY_RUN: '1', REMOTE_SYNC_VERBOSE: 'yes'};
		const fromEnv = await load(box, {env});
		expect(fromEnv.settings).toMatchObject({parallel: false, maxWorkers: 3, offlineQueue: false, dryRun: true, verbose: true});

		const fromCli = await load(box, {env, cli: {parallel: true, maxWorkers: 8, offlineQueue: true, dryRun: false, verbose: false, autoFetch: false}});
		expect(fromCli.settings).toMatchObject({parallel: true, maxWorkers: 8, offlineQueue: true, dryRun: false, verbose: false, autoFetch: false});
	});

	it('finds the user file through XDG_CONFIG_HOME, else ~/.config', async () => {
		const box = sandbox();
		const xdg = tempDir('rst-xdg-home-');
		writeJson(path.join(xdg, 'remote-sync', 'config.json'), {max_workers: 9});
		const viaXdg = await load(box, {userConfigDir: undefined, env: {XDG_CONFIG_HOME: xdg}});
		expect(viaXdg.settings.maxWorkers).toBe(9);

		const home = tempDir('rst-home-');
		writeJson(path.join(home, '.config', 'remote-sync', 'config.json'), {max_workers: 7});
		const viaHome = await load(box, {userConfigDir: undefined, env: {HOME: home, XDG_CONFIG_HOME: 'relative/ignored'}});
		expect(viaHome.settings.maxWorkers).toBe(7);
	});

	it('rejects a bad environment value even when the files are fine', async () => {
		const box = sandbox();
		const error = await loadError(box, {env: {REMOTE_SYNC_MAX_WORKERS: 'lots'}});
		expect(error.message).toMatch(/^REMOTE_SYNC_MAX_WORKERS: /);
	});

	it('rejects a CLI worker count below 1 as a usage error', async () => {
		const box = sandbox();
		await expect(load(box, {cli: {maxWorkers: 0}})).rejects.toBeInstanceOf(UsageError);
	});

	it('names the user file when it is the broken one', async () => {
		const box = sandbox();
		const user = writeText(path.join(box.userDir, 'config.json'), '{"parallel": "sometimes"}');
		const error = await loadError(box);
		expect(error.message).toContain(`${user}: parallel: must be true or false`);
	});
});

describe('the repo file', () => {
	it('accepts the brief\'s example unchanged', async () => {
		const box = sandbox({origin: 'https://example.com/o.git', 'github-mirror': 'https://example.com/g.git', 'internal-server': 'ssh://internal/x.git'});
		copyFileSync(briefExample, path.join(box.repo, '.remotesyncrc.json'));
		const config = await load(box);
		expect(config.warnings).toEqual([]);
		expect(config.remotes.map(r => [r.name, r.priority, r.branches])).toEqual([
			['origin', 1, ['*']],
			['github-mirror', 2, ['main', 'develop']],
			['internal-server', 3, ['main']],
		]);
		expect(remote(config, 'internal-server').vpn).toEqual({
			name: 'corporate',
			connectCmd: "networksetup -connectpppoeservice 'VPN'",
			disconnectCmd: "networksetup -disconnectpppoeservice 'VPN'",
			checkCmd: "scutil --nc status 'VPN' | grep Connected",
			timeoutSeconds: 30,
			autoConnect: true,
			source: path.join(box.repo, '.remotesyncrc.json'),
			workTree: box.repo,
		});
	});

	it('is found in a parent directory, up to the work tree root', async () => {
		const box = sandbox();
		const file = writeJson(path.join(box.repo, 'remote-sync.config.json'), {max_workers: 5});
		const sub = path.join(box.repo, 'a', 'b');
		mkdirSync(sub, {recursive: true});
		const config = await load(box, {cwd: sub});
		expect(config.settings.maxWorkers).toBe(5);
		expect(config.files).toEqual([file]);
	});

	it('is never taken from above the work tree root', async () => {
		const outer = tempDir('rst-outer-');
		writeJson(path.join(outer, '.remotesyncrc.json'), {max_workers: 11});
		const inner = path.join(outer, 'repo');
		mkdirSync(inner);
		makeRepo(inner);
		const config = await load({repo: inner, userDir: tempDir('rst-xdg-')});
		expect(config.settings.maxWorkers).toBe(defaults.max_workers);
	});

	it('prefers .remotesyncrc.json, then .remotesyncrc, then remote-sync.config.json', async () => {
		const box = sandbox();
		writeJson(path.join(box.repo, 'remote-sync.config.json'), {max_workers: 3});
		expect((await load(box)).settings.maxWorkers).toBe(3);
		writeText(path.join(box.repo, '.remotesyncrc'), '{"max_workers": 2}');
		expect((await load(box)).settings.maxWorkers).toBe(2);
		writeJson(path.join(box.repo, '.remotesyncrc.json'), {max_workers: 1});
		expect((await load(box)).settings.maxWorkers).toBe(1);
	});

	it('names a file found in a parent directory so that it can be opened', async () => {
		const box = sandbox();
		const file = writeText(path.join(box.repo, '.remotesyncrc'), '{"max_workers": 0}');
		const sub = path.join(box.repo, 'src');
		mkdirSync(sub);
		expect((await loadError(box)).message).toMatch(/^\.remotesyncrc: max_workers: /);
		expect((await loadError(box, {cwd: sub})).message.startsWith(`${file}: max_workers: `)).toBe(true);
	});

	it('is replaced by --config, relative to cwd', async () => {
		const box = sandbox();
		writeJson(path.join(box.repo, '.remotesyncrc.json'), {max_workers: 0});
		const chosen = writeJson(path.join(box.repo, 'ci', 'sync.json'), {max_workers: 12});
		const config = await load(box, {configPath: 'ci/sync.json'});
		expect(config.settings.maxWorkers).toBe(12);
		expect(config.files).toEqual([chosen]);
	});

	it('reports a --config path that does not exist', async () => {
		const box = sandbox();
		const error = await loadError(box, {configPath: 'nope.json'});
		expect(error.exitCode).toBe(2);
		expect(error.message).toMatch(/^nope\.json: file not found/);
		expect(error.message).toContain(path.join(box.repo, 'nope.json'));
	});

	it('reports a --config path that is a directory', async () => {
		const box = sandbox();
		mkdirSync(path.join(box.repo, 'conf'));
		expect((await loadError(box, {configPath: 'conf'})).message).toMatch(/^conf: is a directory/);
	});

	it('accepts a byte order mark', async () => {
		const box = sandbox();
		writeText(path.join(box.repo, '.remotesyncrc.json'), '\uFEFF{"max_workers": 2}');
		expect((await load(box)).settings.maxWorkers).toBe(2);
	});
});

describe('unknown keys warn with a "did you mean"', () => {
	it('warns at every level and still loads', async () => {
		const box = sandbox({origin: 'https://example.com/o.git'});
		writeJson(path.join(box.repo, '.remotesyncrc.json'), {
			max_worker: 8,
			remotes: {origin: {priorty: 2, vpn: {conect_cmd: 'x'}}},
			vpn: {corp: {check: 'x'}},
			colour: 'blue',
		});
		const config = await load(box);
		expect(config.settings.maxWorkers).toBe(defaults.max_workers);
		expect(remote(config, 'origin').priority).toBe(remoteDefaults.priority);
		expect(config.warnings).toEqual([
			'.remotesyncrc.json: max_worker: unknown key, ignored; did you mean "max_workers"?',
			expect.stringMatching(/^\.remotesyncrc\.json: colour: unknown key, ignored; known keys here: remotes, vpn, parallel/),
			'.remotesyncrc.json: remotes.origin.priorty: unknown key, ignored; did you mean "priority"?',
			'.remotesyncrc.json: remotes.origin.vpn.conect_cmd: unknown key, ignored; did you mean "connect_cmd"?',
			expect.stringMatching(/^\.remotesyncrc\.json: vpn\.corp\.check: unknown key, ignored; /),
		]);
	});
});

describe('VPN resolution and trust source', () => {
	it('leaves source undefined for commands from the user file, even when the repo picks the VPN', async () => {
		const box = sandbox({internal: 'ssh://internal/x.git'});
		writeJson(path.join(box.userDir, 'config.json'), {vpn: {corp: {connect_cmd: 'up', check_cmd: 'check', timeout: 12, auto_connect: false}}});
		writeJson(path.join(box.repo, '.remotesyncrc.json'), {remotes: {internal: {vpn: 'corp'}}});
		const config = await load(box);
		expect(remote(config, 'internal').vpn).toEqual({
			name: 'corp',
			connectCmd: 'up',
			disconnectCmd: undefined,
			checkCmd: 'check',
			timeoutSeconds: 12,
			autoConnect: false,
			source: undefined,
		});
	});

	it('marks the repo file as the source when it adds any command', async () => {
		const box = sandbox({internal: 'ssh://internal/x.git'});
		writeJson(path.join(box.userDir, 'config.json'), {vpn: {corp: {connect_cmd: 'up'}}});
		const repo = writeJson(path.join(box.repo, '.remotesyncrc.json'), {remotes: {internal: {vpn: 'corp'}}, vpn: {corp: {check_cmd: 'check'}}});
		const vpn = remote(await load(box), 'internal').vpn;
		expect(vpn).toMatchObject({connectCmd: 'up', checkCmd: 'check', source: repo});
	});

	it('names an inline VPN after its remote, with defaults', async () => {
		const box = sandbox({'back-up': 'ssh://backup/x.git', internal: 'ssh://internal/x.git'});
		writeJson(path.join(box.userDir, 'config.json'), {remotes: {'back-up': {vpn: {connect_cmd: 'mine'}}}});
		const repo = writeJson(path.join(box.repo, '.remotesyncrc.json'), {remotes: {internal: {vpn: {connect_cmd: 'theirs', timeout: 4}}}});
		const config = await load(box);
		expect(remote(config, 'back-up').vpn).toMatchObject({name: 'back-up-vpn', connectCmd: 'mine', timeoutSeconds: 30, autoConnect: true, source: undefined});
		expect(remote(config, 'internal').vpn).toMatchObject({name: 'internal-vpn', connectCmd: 'theirs', timeoutSeconds: 4, source: repo});
	});

	it('accepts a vpn name that only the user file defines', async () => {
		const box = sandbox({internal: 'ssh://internal/x.git'});
		writeJson(path.join(box.userDir, 'config.json'), {vpn: {corp: {connect_cmd: 'up'}}});
		writeJson(path.join(box.repo, '.remotesyncrc.json'), {remotes: {internal: {vpn: 'corp'}}});
		expect(remote(await load(box), 'internal').vpn?.name).toBe('corp');
	});

	it('suggests the vpn name a typo meant', async () => {
		const box = sandbox({internal: 'ssh://internal/x.git'});
		writeJson(path.join(box.repo, '.remotesyncrc.json'), {remotes: {internal: {vpn: 'corprate'}}, vpn: {corporate: {connect_cmd: 'up'}}});
		expect((await loadError(box)).message).toContain('remotes.internal.vpn: no entry named "corprate" in "vpn" (defined: corporate); did you mean "corporate"?');
	});
});

describe('this repository\'s own .remotesyncrc.json', () => {
	it('loads, with warnings only for its illustrative remotes git lacks', async () => {
		const box = sandbox({origin: 'https://example.com/remote-sync-tui.git'});
		copyFileSync(fileURLToPath(new URL('../../../.remotesyncrc.json', import.meta.url)), path.join(box.repo, '.remotesyncrc.json'));
		const config = await load(box);
		expect(config.remotes.map(r => r.name)).toEqual(['origin']);
		expect(remote(config, 'origin')).toMatchObject({group: 'primary', forcePush: 'block'});
		expect(config.warnings).toHaveLength(2);
		for (const warning of config.warnings) expect(warning).toMatch(/^\.remotesyncrc\.json: remotes\.(github-mirror|internal-server): git has no remote/);
	});
});
