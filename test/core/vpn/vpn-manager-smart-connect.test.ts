import {existsSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import type {VpnState} from '../../../source/core/model.js';
import {VpnManager} from '../../../source/core/vpn/vpn-manager.js';
import {fakeVpn} from './fake-vpn.js';

const trustAll = {isTrusted: () => true};

describe('VPN smart connect: connect only when needed', () => {
	it('connects once for 5 parallel acquires and disconnects after the last release', async () => {
		const fake = fakeVpn();
		const manager = new VpnManager({trust: trustAll});
		expect(await fake.isRemoteReachable()).toBe(false);

		const results = await Promise.all(Array.from({length: 5}, async () => manager.acquire(fake.vpn, fake.isRemoteReachable)));

		expect(results).toEqual(Array.from({length: 5}, () => ({ok: true, connectedByUs: true})));
		expect(fake.count('connect')).toBe(1);
		expect(await fake.isRemoteReachable()).toBe(true);

		for (let index = 0; index < 4; index++) await manager.release(fake.vpn);
		expect(fake.isConnected()).toBe(true);
		expect(fake.count('disconnect')).toBe(0);

		await manager.release(fake.vpn);
		expect(fake.isConnected()).toBe(false);
		expect(fake.count('disconnect')).toBe(1);
		expect(manager.states()).toEqual([{name: 'corp', state: 'down'}]);
	});

	it('does not connect when check_cmd says the VPN is already up', async () => {
		const fake = fakeVpn();
		fake.markUpOnly();
		const manager = new VpnManager({trust: trustAll});

		expect(await manager.acquire(fake.vpn, fake.isRemoteReachable)).toEqual({ok: true, connectedByUs: false});

		expect(fake.count('check')).toBe(1);
		expect(fake.count('connect')).toBe(0);
		expect(manager.states()).toEqual([{name: 'corp', state: 'up', reason: 'check_cmd says up'}]);
	});

	it('does not connect (nor run check_cmd) when the remote is reachable anyway', async () => {
		const fake = fakeVpn({checkCmd: 'false'});
		fake.connectExternally();
		const manager = new VpnManager({trust: trustAll});

		expect(await manager.acquire(fake.vpn, fake.isRemoteReachable)).toEqual({ok: true, connectedByUs: false});
		expect(fake.count('connect')).toBe(0);
	});

	it('a VPN that was up before we started stays up after release and disconnectAll', async () => {
		const fake = fakeVpn();
		fake.connectExternally();
		const manager = new VpnManager({trust: trustAll});

		await manager.acquire(fake.vpn, fake.isRemoteReachable);
		await manager.release(fake.vpn);
		await manager.disconnectAll();

		expect(fake.isConnected()).toBe(true);
		expect(fake.count('disconnect')).toBe(0);
	});

	it('disconnectAll takes down the VPN we connected, once, even while it is held', async () => {
		const fake = fakeVpn();
		const manager = new VpnManager({trust: trustAll});
		await manager.acquire(fake.vpn, fake.isRemoteReachable);
		expect(fake.isConnected()).toBe(true);

		await manager.disconnectAll();
		await manager.disconnectAll();
		await manager.release(fake.vpn);

		expect(fake.isConnected()).toBe(false);
		expect(fake.count('disconnect')).toBe(1);
	});

	it('reports each state change: connecting, up-ours, disconnecting, down', async () => {
		const fake = fakeVpn();
		const seen: VpnState[] = [];
		const manager = new VpnManager({trust: trustAll, onState: state => seen.push(state)});

		await manager.acquire(fake.vpn, fake.isRemoteReachable);
		await manager.release(fake.vpn);

		expect(seen.map(state => state.state)).toEqual(['connecting', 'up-ours', 'disconnecting', 'down']);
	});

	it('reconnects for new work after the last release took the VPN down', async () => {
		const fake = fakeVpn();
		const manager = new VpnManager({trust: trustAll});
		await manager.acquire(fake.vpn, fake.isRemoteReachable);
		await manager.release(fake.vpn);

		expect(await manager.acquire(fake.vpn, fake.isRemoteReachable)).toEqual({ok: true, connectedByUs: true});
		expect(fake.count('connect')).toBe(2);
		await manager.disconnectAll();
		expect(fake.isConnected()).toBe(false);
	});
});

describe('VPN auto_connect false', () => {
	it('never connects, and says so', async () => {
		const fake = fakeVpn({autoConnect: false});
		const manager = new VpnManager({trust: trustAll});

		const result = await manager.acquire(fake.vpn, fake.isRemoteReachable);

		expect(result).toEqual({ok: false, class: 'vpn-down', reason: expect.stringContaining('VPN is down and auto_connect is false')});
		expect(fake.count('check')).toBe(1);
		expect(fake.count('connect')).toBe(0);
		expect(fake.isConnected()).toBe(false);
	});

	it('still uses a VPN that is already up', async () => {
		const fake = fakeVpn({autoConnect: false});
		fake.connectExternally();
		const manager = new VpnManager({trust: trustAll});

		expect(await manager.acquire(fake.vpn, fake.isRemoteReachable)).toEqual({ok: true, connectedByUs: false});
	});
});

describe('VPN in dry-run', () => {
	it('runs no command at all and lists the commands it would run', async () => {
		const fake = fakeVpn();
		const manager = new VpnManager({trust: trustAll, dryRun: true});
		let probed = false;

		const result = await manager.acquire(fake.vpn, async () => {
			probed = true;
			return false;
		});
		await manager.release(fake.vpn);
		await manager.disconnectAll();

		expect(result).toEqual({ok: true, connectedByUs: false});
		expect(probed).toBe(false);
		expect(existsSync(`${fake.dir}/commands.log`)).toBe(false);
		expect(fake.isConnected()).toBe(false);
		expect(manager.plannedCommands()).toEqual([
			`vpn "corp": would run check_cmd: ${fake.vpn.checkCmd} (if the remote is unreachable)`,
			`vpn "corp": would run connect_cmd: ${fake.vpn.connectCmd} (if the remote is unreachable and the VPN is down)`,
			`vpn "corp": would run disconnect_cmd: ${fake.vpn.disconnectCmd} (when the work ends, if we connected it)`,
		]);
	});

	it('lists each VPN once however many remotes use it', async () => {
		const fake = fakeVpn();
		const manager = new VpnManager({trust: trustAll, dryRun: true});
		await Promise.all([manager.acquire(fake.vpn, fake.isRemoteReachable), manager.acquire(fake.vpn, fake.isRemoteReachable)]);
		expect(manager.plannedCommands()).toHaveLength(3);
	});
});
