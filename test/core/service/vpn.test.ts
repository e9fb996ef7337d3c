import {existsSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {addBareRemote, commit, git, makeBare, makeRepo, startSilentSocket, waitFor} from '../../harness/index.js';
import {fakeVpn, type FakeVpn} from '../vpn/fake-vpn.js';
import {isolateProductGit, record, serviceFor} from './helpers.js';
import {processesMentioning} from './processes.js';

isolateProductGit();

/** The fake VPN's commands as a repo config names them. */
function vpnConfig(fake: FakeVpn, extra: {connect?: string; disconnect?: string} = {}) {
	return {
		connect_cmd: `${fake.vpn.connectCmd}${extra.connect ? ` && ${extra.connect}` : ''}`,
		check_cmd: fake.vpn.checkCmd,
		disconnect_cmd: `${fake.vpn.disconnectCmd}${extra.disconnect ? ` && ${extra.disconnect}` : ''}`,
		timeout: 5,
	};
}

const quick = {health_check_timeout: 2, retry_base_delay: 0.01, retry_max_delay: 0.05};

describe('SyncService: VPN around operations (SPEC §4)', () => {
	it('a parallel push to 3 remotes, 2 behind one VPN, connects it once and disconnects it after', async () => {
		const fake = fakeVpn();
		// A second repository behind the same VPN: connect_cmd links both, disconnect_cmd unlinks both.
		const secondBare = makeBare();
		const secondLink = path.join(fake.dir, 'second.git');
		const repo = makeRepo();
		git(repo, 'remote', 'add', 'office-a', fake.link);
		git(repo, 'remote', 'add', 'office-b', secondLink);
		const plain = addBareRemote(repo, 'plain');
		const {service} = await serviceFor(repo, {
			config: {
				...quick,
				parallel: true,
				max_workers: 4,
				remotes: {'office-a': {vpn: 'corp', retry: 0}, 'office-b': {vpn: 'corp', retry: 0}, plain: {}},
				vpn: {corp: vpnConfig(fake, {connect: `ln -s '${secondBare}' '${secondLink}'`, disconnect: `rm -f '${secondLink}'`})},
			},
		});
		const sha = commit(repo, 'for everyone');
		const recording = record(service);

		const outcome = await service.push({});

		expect(outcome.results.map(result => [result.remote, result.status])).toEqual([
			['office-a', 'pushed'],
			['office-b', 'pushed'],
			['plain', 'pushed'],
		]);
		expect(outcome.results.filter(result => result.vpn === 'corp')).toHaveLength(2);
		expect(git(fake.bare, 'rev-parse', 'main')).toBe(sha);
		expect(git(secondBare, 'rev-parse', 'main')).toBe(sha);
		expect(git(plain, 'rev-parse', 'main')).toBe(sha);
		expect(fake.count('connect')).toBe(1);
		expect(fake.count('disconnect')).toBe(1);
		expect(fake.isConnected()).toBe(false);
		const states = recording.events.flatMap(event => (event.type === 'vpn' ? [event.state.state] : []));
		expect(states).toContain('up-ours');
		expect(states.at(-1)).toBe('down');
		expect(service.getSnapshot().vpns).toEqual([{name: 'corp', state: 'down'}]);
	});

	it('status (with its fetch), fetch and health check of a VPN remote connect the VPN too, each time', async () => {
		const fake = fakeVpn();
		const repo = makeRepo();
		// The remote already holds main; only the VPN makes it reachable.
		git(repo, 'push', '-q', fake.bare, 'main');
		git(repo, 'remote', 'add', 'office', fake.link);
		const {service} = await serviceFor(repo, {config: {...quick, remotes: {office: {vpn: 'corp', retry: 0}}, vpn: {corp: vpnConfig(fake)}}});

		const status = await service.status({fetch: true});
		expect(status.remotes[0]).toMatchObject({remote: 'office', state: 'in-sync', vpn: 'corp'});
		expect(status.remotes[0]!.fetchError).toBeUndefined();
		expect([fake.count('connect'), fake.count('disconnect')]).toEqual([1, 1]);

		const fetched = await service.fetch({});
		expect(fetched.results[0]).toMatchObject({remote: 'office', status: 'up-to-date', vpn: 'corp'});
		expect([fake.count('connect'), fake.count('disconnect')]).toEqual([2, 2]);

		const [health] = await service.healthCheck({});
		expect(health).toMatchObject({name: 'office', reachable: true, class: 'reachable', vpn: 'corp'});
		expect([fake.count('connect'), fake.count('disconnect')]).toEqual([3, 3]);
		expect(fake.isConnected()).toBe(false);
	});

	it('an untrusted VPN runs nothing: the remote is vpn-down with the trust command to run', async () => {
		const fake = fakeVpn();
		const repo = makeRepo();
		git(repo, 'remote', 'add', 'office', fake.link);
		const {service} = await serviceFor(repo, {trusted: false, config: {...quick, offline_queue: false, remotes: {office: {vpn: 'corp', retry: 0}}, vpn: {corp: vpnConfig(fake)}}});

		const status = await service.status({fetch: true});
		const [health] = await service.healthCheck({});
		const pushed = await service.push({});

		expect(status.remotes[0]!.fetchError).toMatchObject({class: 'vpn-down'});
		expect(health).toMatchObject({reachable: false, class: 'vpn-down'});
		expect(health!.error).toContain('review them and run: remote-sync trust');
		expect(pushed.results[0]).toMatchObject({status: 'failed', errorClass: 'vpn-down'});
		expect(service.getSnapshot().vpns).toEqual([expect.objectContaining({name: 'corp', state: 'untrusted'})]);
		expect([fake.count('check'), fake.count('connect'), fake.count('disconnect')]).toEqual([0, 0, 0]);
		expect(existsSync(fake.upMarker)).toBe(false);
	});

	it('dry-run push runs no VPN command, changes no ref and queues nothing, but says which commands would run', async () => {
		const fake = fakeVpn();
		const repo = makeRepo();
		git(repo, 'push', '-q', fake.bare, 'main');
		const before = git(fake.bare, 'rev-parse', 'main');
		git(repo, 'remote', 'add', 'office', fake.link);
		const plain = addBareRemote(repo, 'plain');
		const {service} = await serviceFor(repo, {dryRun: true, config: {...quick, remotes: {office: {vpn: 'corp', retry: 0}, plain: {}}, vpn: {corp: vpnConfig(fake)}}});
		commit(repo, 'not yet');

		const outcome = await service.push({});

		expect(outcome.results.find(result => result.remote === 'plain')).toMatchObject({status: 'would-push'});
		// Without connecting, the remote cannot be asked what the push would do: skipped, and why.
		expect(outcome.results.find(result => result.remote === 'office')).toMatchObject({status: 'skipped', vpn: 'corp'});
		expect(outcome.results.find(result => result.remote === 'office')!.message).toContain('vpn "corp" is not connected and a dry run runs no VPN command');
		expect([fake.count('check'), fake.count('connect'), fake.count('disconnect')]).toEqual([0, 0, 0]);
		expect(git(fake.bare, 'rev-parse', 'main')).toBe(before);
		expect(git(plain, 'rev-parse', 'main')).toBe(before);
		expect(await service.loadQueue()).toEqual([]);
		const planned = service.plannedVpnCommands().join('\n');
		expect(planned).toContain(`would run connect_cmd: ${vpnConfig(fake).connect_cmd}`);
		expect(planned).toContain('would run disconnect_cmd');

		// A VPN that is already up (connected by the user): the plan is exact, still nothing runs.
		fake.connectExternally();
		const again = await service.push({remotes: ['office']});
		expect(again.results[0]).toMatchObject({remote: 'office', status: 'would-push'});
		expect([fake.count('check'), fake.count('connect'), fake.count('disconnect')]).toEqual([0, 0, 0]);
		expect(git(fake.bare, 'rev-parse', 'main')).toBe(before);
		await service.dispose();
		expect(fake.isConnected()).toBe(true);
	});
});

describe('SyncService.dispose()', () => {
	it('stops running work and disconnects only the VPNs this process connected', async () => {
		const external = fakeVpn();
		external.connectExternally();
		const ours = fakeVpn();
		const silent = await startSilentSocket();
		// git runs with the remote's name, so the name is what finds its processes in /proc.
		const stuck = `stuck-${process.pid}-${Date.now()}`;
		const repo = makeRepo();
		git(repo, 'push', '-q', external.bare, 'main');
		git(repo, 'remote', 'add', 'reachable', external.link);
		git(repo, 'remote', 'add', stuck, `git://127.0.0.1:${silent.port}/repo.git`);
		const {service} = await serviceFor(repo, {
			config: {
				...quick,
				health_check_timeout: 1,
				offline_queue: false,
				remotes: {reachable: {vpn: 'external', retry: 0}, [stuck]: {vpn: 'ours', retry: 0, timeout: 30}},
				vpn: {external: vpnConfig(external), ours: vpnConfig(ours)},
			},
		});
		commit(repo, 'work');

		const pushing = service.push({});
		await waitFor(() => service.getSnapshot().vpns.some(vpn => vpn.name === 'ours' && vpn.state === 'up-ours') && processesMentioning(stuck).length > 0, {
			timeoutMs: 15_000,
			message: 'the push to stuck to be running with its VPN connected by us',
		});
		await service.dispose();
		const outcome = await pushing;

		expect(outcome.results.find(result => result.remote === 'reachable')).toMatchObject({status: 'pushed'});
		expect(outcome.results.find(result => result.remote === stuck)!.status).toBe('failed');
		expect([ours.count('connect'), ours.count('disconnect')]).toEqual([1, 1]);
		expect(ours.isConnected()).toBe(false);
		expect(external.count('connect') + external.count('disconnect')).toBe(0);
		expect(external.isConnected()).toBe(true);
		await waitFor(() => processesMentioning(stuck).length === 0, {timeoutMs: 3000, message: 'no git process of the stuck push left'});
		expect(service.getSnapshot().running).toBe(0);
	});
});
