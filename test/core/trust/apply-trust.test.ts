import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {applyTrust} from '../../../source/core/trust/apply-trust.js';
import {configRequests} from '../../../source/core/trust/fingerprint.js';
import {TrustStore} from '../../../source/core/trust/trust-store.js';
import {configHome} from '../../../source/core/xdg.js';
import {tempDir} from '../../harness/index.js';
import {load, remote, sandbox, writeJson, type Sandbox} from '../config/helpers.js';

/**
 * What a repo file asks for that needs trust (config/repo-asks.ts), and how the remotes look
 * until it is given (trust/apply-trust.ts), on real repositories and the real loader.
 */

async function untrusted(box: Sandbox) {
	const config = await load(box);
	return {config, applied: applyTrust(config.remotes, new TrustStore({cwd: tempDir('rst-trust-')}))};
}

describe('trust: which force_push a repo file may set on its own', () => {
	const cases: Array<[string, string | undefined, string, string]> = [
		// [what, the user's own policy, the repo file's, what applies until trusted]
		['allow over the default acts as warn', undefined, 'allow', 'warn'],
		['warn over the default needs no trust (it still asks)', undefined, 'warn', 'warn'],
		["warn over the user's block stays block", 'block', 'warn', 'block'],
		["allow over the user's warn stays warn", 'warn', 'allow', 'warn'],
		["allow when the user allows too needs no trust", 'allow', 'allow', 'allow'],
		['a stricter policy applies at once', 'allow', 'block', 'block'],
	];
	for (const [what, own, repo, applies] of cases) {
		it(what, async () => {
			const box = sandbox({origin: '/srv/origin.git'});
			if (own) writeJson(path.join(box.userDir, 'config.json'), {remotes: {origin: {force_push: own}}});
			writeJson(path.join(box.repo, '.remotesyncrc.json'), {remotes: {origin: {force_push: repo}}});
			const {config, applied} = await untrusted(box);
			expect(remote({...config, remotes: applied.remotes}, 'origin').forcePush).toBe(applies);
			expect(configRequests(config.remotes).length).toBe(applies === repo ? 0 : 1);
			expect(applied.warnings.length).toBe(applies === repo ? 0 : 1);
		});
	}
});

describe('trust: which tags a repo file may send on its own', () => {
	const cases: Array<[string, string | undefined, string, string]> = [
		// [what, the user's own policy, the repo file's, what applies until trusted]
		['all over the default acts as follow', undefined, 'all', 'follow'],
		['follow over the default needs no trust', undefined, 'follow', 'follow'],
		["all over the user's none stays none", 'none', 'all', 'none'],
		["follow over the user's none stays none", 'none', 'follow', 'none'],
		['all when the user sends all too needs no trust', 'all', 'all', 'all'],
		['sending fewer applies at once', 'all', 'none', 'none'],
	];
	for (const [what, own, repo, applies] of cases) {
		it(what, async () => {
			const box = sandbox({origin: '/srv/origin.git'});
			if (own) writeJson(path.join(box.userDir, 'config.json'), {remotes: {origin: {tags: own}}});
			writeJson(path.join(box.repo, '.remotesyncrc.json'), {remotes: {origin: {tags: repo}}});
			const {config, applied} = await untrusted(box);
			expect(remote({...config, remotes: applied.remotes}, 'origin').tags).toBe(applies);
			expect(configRequests(config.remotes).length).toBe(applies === repo ? 0 : 1);
			expect(applied.warnings).toHaveLength(applies === repo ? 0 : 1);
			if (applies !== repo) expect(applied.warnings[0]).toMatch(/tags is not trusted yet for origin \(\w+ acts as \w+\); review it and run: remote-sync trust$/);
		});
	}

	it('trust approves exactly the policy it saw', async () => {
		const box = sandbox({origin: '/srv/origin.git'});
		const file = writeJson(path.join(box.repo, '.remotesyncrc.json'), {remotes: {origin: {tags: 'all'}}});
		const store = new TrustStore({cwd: tempDir('rst-trust-')});
		store.trust(file, configRequests((await load(box)).remotes));
		expect(remote({...(await load(box)), remotes: applyTrust((await load(box)).remotes, store).remotes}, 'origin').tags).toBe('all');
	});
});

describe('trust: which urls a repo file may set on its own', () => {
	it("a url for a remote git has is unused (git's wins) and needs no trust", async () => {
		const box = sandbox({origin: '/srv/origin.git'});
		writeJson(path.join(box.repo, '.remotesyncrc.json'), {remotes: {origin: {url: 'https://evil.example/x.git'}}});
		const {config, applied} = await untrusted(box);
		expect(configRequests(config.remotes)).toEqual([]);
		const origin = remote({...config, remotes: applied.remotes}, 'origin');
		expect(origin.url).toBe('/srv/origin.git');
		expect(origin).not.toHaveProperty('untrusted');
	});

	it("a url from the user's own config needs no trust; the repo file changing it does", async () => {
		const box = sandbox();
		writeJson(path.join(box.userDir, 'config.json'), {remotes: {backup: {url: '/srv/backup.git'}}});
		expect((await untrusted(box)).applied.remotes[0]?.untrusted).toBeUndefined();
		writeJson(path.join(box.repo, '.remotesyncrc.json'), {remotes: {backup: {url: '/srv/elsewhere.git'}}});
		expect((await untrusted(box)).applied.remotes[0]?.untrusted).toMatch(/^untrusted, not pushed: /);
	});

	it('trust approves exactly the url it saw', async () => {
		const box = sandbox();
		const file = writeJson(path.join(box.repo, '.remotesyncrc.json'), {remotes: {backup: {url: '/srv/a.git'}}});
		const store = new TrustStore({cwd: tempDir('rst-trust-')});
		store.trust(file, configRequests((await load(box)).remotes));
		expect(applyTrust((await load(box)).remotes, store).remotes[0]?.untrusted).toBeUndefined();
		writeJson(file, {remotes: {backup: {url: '/srv/b.git'}}});
		expect(applyTrust((await load(box)).remotes, store).remotes[0]?.untrusted).toBeDefined();
	});
});

describe('xdg: the one place the config directory is decided', () => {
	it('uses an absolute XDG_CONFIG_HOME, and ignores an empty or relative one (XDG spec)', () => {
		expect(configHome({XDG_CONFIG_HOME: '/x/cfg', HOME: '/home/u'})).toBe('/x/cfg');
		expect(configHome({XDG_CONFIG_HOME: 'cfg', HOME: '/home/u'})).toBe('/home/u/.config');
		expect(configHome({XDG_CONFIG_HOME: './cfg', HOME: '/home/u'})).toBe('/home/u/.config');
		expect(configHome({XDG_CONFIG_HOME: '', HOME: '/home/u'})).toBe('/home/u/.config');
	});
});
