import {execFileSync} from 'node:child_process';
import {randomInt} from 'node:crypto';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {vpnRequest} from '../../../source/core/trust/fingerprint.js';
import {TrustStore} from '../../../source/core/trust/trust-store.js';
import {VpnManager} from '../../../source/core/vpn/vpn-manager.js';
import {onCleanup, tempDir} from '../../harness/index.js';
import {fakeVpn, waitFor} from './fake-vpn.js';

const trustAll = {isTrusted: () => true};

/** Processes whose command line contains `marker` (pgrep -f). */
function processesMatching(marker: string): string[] {
	try {
		return execFileSync('pgrep', ['-f', marker], {encoding: 'utf8'}).split('\n').filter(Boolean);
	} catch {
		return []; // pgrep exits 1 when nothing matches.
	}
}

/** Should the kill ever regress, the test still leaves nothing running. */
function killOnCleanup(marker: string): void {
	onCleanup(() => {
		for (const pid of processesMatching(marker)) {
			try {
				process.kill(Number(pid), 'SIGKILL');
			} catch {
				// Gone already.
			}
		}
	});
}

describe('VPN failures are reported, never hang', () => {
	it('a hung connect_cmd is reported after its timeout and leaves no process behind', async () => {
		// A sleep length no other process uses: pgrep finds exactly ours.
		const marker = `30.${randomInt(100_000, 999_999)}`;
		const fake = fakeVpn({connectCmd: `sleep ${marker}; echo never`, timeoutSeconds: 1});
		const manager = new VpnManager({trust: trustAll});
		killOnCleanup(`sleep ${marker}`);

		const started = Date.now();
		const result = await manager.acquire(fake.vpn, fake.isRemoteReachable);

		expect(result).toEqual({ok: false, class: 'vpn-down', reason: expect.stringContaining('connect_cmd timed out after 1s')});
		expect(Date.now() - started).toBeLessThan(10_000);
		expect(manager.states()[0]?.state).toBe('failed');
		await waitFor(() => processesMatching(`sleep ${marker}`).length === 0, 'the sleep to be killed');
	});

	it('disconnectAll stops a connect in flight at once, leaving no process and claiming nothing', async () => {
		const marker = `30.${randomInt(100_000, 999_999)}`;
		killOnCleanup(`sleep ${marker}`);
		const fake = fakeVpn({connectCmd: `sleep ${marker}`, timeoutSeconds: 30});
		const manager = new VpnManager({trust: trustAll});
		const acquiring = manager.acquire(fake.vpn, fake.isRemoteReachable);
		await waitFor(() => processesMatching(`sleep ${marker}`).length > 0, 'the connect to start');

		await manager.disconnectAll();

		expect(await acquiring).toEqual({ok: false, class: 'vpn-down', reason: 'vpn "corp": connecting was interrupted'});
		expect(fake.count('disconnect')).toBe(0);
		await waitFor(() => processesMatching(`sleep ${marker}`).length === 0, 'the sleep to be killed');
	});

	it('a check_cmd that keeps failing after connecting is reported as failed', async () => {
		const fake = fakeVpn({checkCmd: 'echo "tunnel not ready" >&2; exit 3', timeoutSeconds: 1});
		const manager = new VpnManager({trust: trustAll});

		const result = await manager.acquire(fake.vpn, fake.isRemoteReachable);

		expect(result.ok).toBe(false);
		expect(!result.ok && result.reason).toMatch(/connect_cmd finished but check_cmd still says the VPN is down .*exit 3: tunnel not ready/);
		expect(fake.count('connect')).toBe(1);
		// The connect did run: it is ours to undo on exit.
		await manager.disconnectAll();
		expect(fake.count('disconnect')).toBe(1);
		expect(fake.isConnected()).toBe(false);
	});

	it('a connect_cmd that prints garbage and exits 1 fails with a clean, redacted reason', async () => {
		const fake = fakeVpn({connectCmd: String.raw`printf '\033[31mboom\001\002 https://bob:s3cret@vpn.example.com/x\n' >&2; exit 1`});
		const manager = new VpnManager({trust: trustAll});

		const result = await manager.acquire(fake.vpn, fake.isRemoteReachable);

		if (result.ok) throw new Error('expected a failure');
		expect(result.reason).toContain('connect_cmd failed (exit 1): boom https://***@vpn.example.com/x');
		expect(result.reason).not.toContain('s3cret');
		expect(result.reason).not.toMatch(/[\u0000-\u001F]/);
		await manager.disconnectAll();
		expect(fake.count('disconnect')).toBe(0);
	});
});

describe('VPN trust: repo commands run only after `trust`', () => {
	function repoVpn() {
		const repo = tempDir('rst-repo-');
		const pwned = path.join(repo, 'PWNED');
		const fake = fakeVpn({
			source: path.join(repo, '.remotesyncrc.json'),
			connectCmd: `touch '${pwned}'`,
			checkCmd: `touch '${pwned}'; false`,
			disconnectCmd: `touch '${pwned}'`,
		});
		return {fake, pwned, trust: new TrustStore({cwd: tempDir('rst-trust-')})};
	}

	it('runs nothing from an untrusted config, not even check_cmd, and says how to trust it', async () => {
		const {fake, pwned, trust} = repoVpn();
		const manager = new VpnManager({trust});

		const result = await manager.acquire(fake.vpn, fake.isRemoteReachable);
		await manager.disconnectAll();

		const message = `vpn "corp": commands from ${fake.vpn.source} are not trusted; review them and run: remote-sync trust`;
		expect(result).toEqual({ok: false, class: 'vpn-down', reason: message});
		expect(manager.states()).toEqual([{name: 'corp', state: 'untrusted', reason: message}]);
		expect(existsSync(pwned)).toBe(false);
	});

	it('runs the commands once trusted, and needs trust again when a command changes', async () => {
		const fake = fakeVpn({source: path.join(tempDir('rst-repo-'), '.remotesyncrc.json')});
		const trust = new TrustStore({cwd: tempDir('rst-trust-')});
		trust.trust(fake.vpn.source!, [vpnRequest(fake.vpn)!]);
		const manager = new VpnManager({trust});

		expect(await manager.acquire(fake.vpn, fake.isRemoteReachable)).toEqual({ok: true, connectedByUs: true});
		await manager.disconnectAll();

		const changed = {...fake.vpn, connectCmd: `${fake.vpn.connectCmd} && echo changed`};
		const again = await manager.acquire(changed, fake.isRemoteReachable);
		expect(again).toMatchObject({ok: false, reason: expect.stringContaining('are not trusted')});
		expect(fake.count('connect')).toBe(1);
		expect(fake.count('check')).toBe(2); // before and after the first connect only
	});
});
