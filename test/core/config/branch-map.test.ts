import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {applyTrust} from '../../../source/core/trust/apply-trust.js';
import {configRequests} from '../../../source/core/trust/fingerprint.js';
import {TrustStore} from '../../../source/core/trust/trust-store.js';
import {tempDir} from '../../harness/index.js';
import {load, loadError, remote, sandbox, writeJson} from './helpers.js';

/** `remotes.<name>.branch_map` (SPEC §2): resolved, validated and, from a repo file, trusted — with the real loader. */

describe('branch_map: resolution', () => {
	it('reaches the remote as a map; layers merge key by key', async () => {
		const box = sandbox({legacy: '/srv/legacy.git'});
		writeJson(path.join(box.userDir, 'config.json'), {remotes: {legacy: {branch_map: {main: 'master', dev: 'develop'}}}});
		writeJson(path.join(box.repo, '.remotesyncrc.json'), {remotes: {legacy: {priority: 2}}});
		const legacy = remote(await load(box), 'legacy');
		expect([...(legacy.branchMap ?? [])]).toEqual([
			['main', 'master'],
			['dev', 'develop'],
		]);
		expect(legacy.repoAsks).toBeUndefined();
	});

	it('no map: no branchMap', async () => {
		const box = sandbox({origin: '/srv/origin.git'});
		expect(remote(await load(box), 'origin').branchMap).toBeUndefined();
	});
});

describe('branch_map: validation (exit 2, one line naming file and key path)', () => {
	const invalid: Array<[string, Record<string, string>, RegExp]> = [
		['two locals to one remote name', {main: 'master', trunk: 'master'}, /remotes\.legacy\.branch_map\.trunk: "main" and "trunk" both go to "master" on legacy/],
		['an option', {main: '--upload-pack=touch x'}, /branch_map\.main: "--upload-pack=touch x" is not a valid branch name \(it begins with "-"\)/],
		['a second refspec', {main: 'master:refs/heads/evil'}, /is not a valid branch name \(it holds ":"\)/],
		['a glob', {main: 'release/*'}, /holds "\*"/],
		['a range', {main: 'a..b'}, /holds "\.\."/],
		['a lock file', {main: 'master.lock'}, /ends with "\.lock"/],
		['a trailing slash', {main: 'master/'}, /ends with "\/"/],
		['a space', {main: 'ma ster'}, /space or control character/],
		['a control character', {main: 'ma\u001bster'}, /space or control character/],
		['a reflog selector', {main: 'master@{1}'}, /holds "@\{"/],
		['HEAD', {main: 'HEAD'}, /names a revision/],
		['empty', {main: ''}, /it is empty/],
		['an invalid local name', {'ma:in': 'master'}, /"ma:in" is not a branch name/],
	];
	for (const [what, map, message] of invalid) {
		it(`refuses ${what}`, async () => {
			const box = sandbox({legacy: '/srv/legacy.git'});
			writeJson(path.join(box.repo, '.remotesyncrc.json'), {remotes: {legacy: {branch_map: map}}});
			const error = await loadError(box);
			expect(error.exitCode).toBe(2);
			expect(error.message).toMatch(/^\.remotesyncrc\.json: /);
			expect(error.message).toMatch(message);
			expect(error.message.split('\n')).toHaveLength(1);
		});
	}

	it('a collision made of two layers names the file that made it', async () => {
		const box = sandbox({legacy: '/srv/legacy.git'});
		writeJson(path.join(box.userDir, 'config.json'), {remotes: {legacy: {branch_map: {main: 'master'}}}});
		writeJson(path.join(box.repo, '.remotesyncrc.json'), {remotes: {legacy: {branch_map: {trunk: 'master'}}}});
		expect((await loadError(box)).message).toMatch(/^\.remotesyncrc\.json: remotes\.legacy\.branch_map\.trunk: "main" and "trunk" both go to "master"/);
	});

	it('a collision in the map that applies until trust (the user\'s own layers) is refused too', async () => {
		const box = sandbox({legacy: '/srv/legacy.git'});
		writeJson(path.join(box.userDir, 'config.json'), {remotes: {legacy: {branch_map: {main: 'master', trunk: 'master'}}}});
		writeJson(path.join(box.repo, '.remotesyncrc.json'), {remotes: {legacy: {branch_map: {trunk: 'develop'}}}});
		expect((await loadError(box)).message).toMatch(/both go to "master"/);
	});

	it('a swap is one-to-one and fine', async () => {
		const box = sandbox({legacy: '/srv/legacy.git'});
		writeJson(path.join(box.repo, '.remotesyncrc.json'), {remotes: {legacy: {branch_map: {main: 'master', master: 'main'}}}});
		expect(remote(await load(box), 'legacy').branchMap?.get('master')).toBe('main');
	});

	it('a wrong type names the branch, with an example that is a branch name', async () => {
		const box = sandbox({legacy: '/srv/legacy.git'});
		writeJson(path.join(box.repo, '.remotesyncrc.json'), {remotes: {legacy: {branch_map: {timeout: 5}}}});
		expect((await loadError(box)).message).toBe('.remotesyncrc.json: remotes.legacy.branch_map.timeout: must be a string (got 5); for example "timeout": "master"');
	});
});

describe('branch_map from a repo file: a trust request', () => {
	async function untrusted(box: ReturnType<typeof sandbox>) {
		const config = await load(box);
		return {config, applied: applyTrust(config.remotes, new TrustStore({cwd: tempDir('rst-trust-')}))};
	}

	it('until trusted the branch keeps its own name, with one warning naming the trust command', async () => {
		const box = sandbox({origin: '/srv/origin.git'});
		writeJson(path.join(box.repo, '.remotesyncrc.json'), {remotes: {origin: {branch_map: {main: 'production'}}}});
		const {config, applied} = await untrusted(box);
		expect(remote(config, 'origin').branchMap?.get('main')).toBe('production');
		expect(remote({...config, remotes: applied.remotes}, 'origin').branchMap).toBeUndefined();
		expect(applied.warnings).toEqual([
			expect.stringMatching(/\.remotesyncrc\.json: branch_map is not trusted yet for origin \(main → production acts as main → main\); review it and run: remote-sync trust$/),
		]);
		expect(configRequests(config.remotes).map(request => request.lines)).toEqual([
			['remotes.origin.branch_map: main → production (pushes of main go to production there; until trusted: main)'],
		]);
	});

	it("until trusted the user's own mapping applies", async () => {
		const box = sandbox({legacy: '/srv/legacy.git'});
		writeJson(path.join(box.userDir, 'config.json'), {remotes: {legacy: {branch_map: {main: 'master'}}}});
		writeJson(path.join(box.repo, '.remotesyncrc.json'), {remotes: {legacy: {branch_map: {main: 'deploy', dev: 'develop'}}}});
		const {config, applied} = await untrusted(box);
		const legacy = remote({...config, remotes: applied.remotes}, 'legacy');
		expect([...(legacy.branchMap ?? [])]).toEqual([['main', 'master']]);
	});

	it('a repo file repeating what the user says asks nothing', async () => {
		const box = sandbox({legacy: '/srv/legacy.git'});
		writeJson(path.join(box.userDir, 'config.json'), {remotes: {legacy: {branch_map: {main: 'master'}}}});
		writeJson(path.join(box.repo, '.remotesyncrc.json'), {remotes: {legacy: {branch_map: {main: 'master', dev: 'dev'}}}});
		const {config} = await untrusted(box);
		expect(configRequests(config.remotes)).toEqual([]);
	});

	it('trusted, the mapping applies; a changed mapping needs trust again', async () => {
		const box = sandbox({origin: '/srv/origin.git'});
		const file = path.join(box.repo, '.remotesyncrc.json');
		writeJson(file, {remotes: {origin: {branch_map: {main: 'master'}}}});
		const store = new TrustStore({cwd: tempDir('rst-trust-')});
		const first = await load(box);
		store.trust(file, configRequests(first.remotes));
		expect(remote({...first, remotes: applyTrust(first.remotes, store).remotes}, 'origin').branchMap?.get('main')).toBe('master');

		writeJson(file, {remotes: {origin: {branch_map: {main: 'production'}}}});
		const changed = await load(box);
		expect(remote({...changed, remotes: applyTrust(changed.remotes, store).remotes}, 'origin').branchMap).toBeUndefined();
	});
});
