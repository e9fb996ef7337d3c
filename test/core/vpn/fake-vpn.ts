import {existsSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import type {ResolvedVpn} from '../../../source/core/config/schema.js';
import {runGit} from '../../../source/core/git/runner.js';
import {isolatedGitEnv, isolatedHome, makeBare, tempDir} from '../../harness/index.js';

/**
 * A real "remote behind a VPN", made of nothing but files: the bare repository is only
 * reachable through `link`, which exists only while the VPN is "connected".
 *   connect_cmd    touch UP && ln -s <bare> <link>
 *   check_cmd      test -e UP
 *   disconnect_cmd rm -f UP <link>
 * Every command appends its name to a log, so tests count what ran.
 */
export type FakeVpn = {
	vpn: ResolvedVpn;
	dir: string;
	bare: string;
	link: string;
	upMarker: string;
	/** How often each command ran. */
	count(kind: 'connect' | 'check' | 'disconnect'): number;
	/** `git ls-remote <link>` through runGit: the real reachability probe. */
	isRemoteReachable: () => Promise<boolean>;
	/** Bring the "VPN" up behind our back, as if the user had connected it. */
	connectExternally(): void;
	/** Make check_cmd say up while the remote stays unreachable. */
	markUpOnly(): void;
	isConnected(): boolean;
};

export function fakeVpn(overrides: Partial<ResolvedVpn> = {}): FakeVpn {
	const dir = tempDir('rst-vpn-');
	const bare = makeBare();
	const link = path.join(dir, 'remote.git');
	const upMarker = path.join(dir, 'UP');
	const log = path.join(dir, 'commands.log');
	const q = (text: string) => `'${text}'`;
	const vpn: ResolvedVpn = {
		name: 'corp',
		connectCmd: `echo connect >> ${q(log)} && touch ${q(upMarker)} && ln -s ${q(bare)} ${q(link)}`,
		checkCmd: `echo check >> ${q(log)} && test -e ${q(upMarker)}`,
		disconnectCmd: `echo disconnect >> ${q(log)} && rm -f ${q(upMarker)} ${q(link)}`,
		timeoutSeconds: 5,
		autoConnect: true,
		...overrides,
	};

	return {
		vpn,
		dir,
		bare,
		link,
		upMarker,
		count(kind) {
			if (!existsSync(log)) return 0;
			return readFileSync(log, 'utf8')
				.split('\n')
				.filter(line => line === kind).length;
		},
		async isRemoteReachable() {
			const result = await runGit({
				args: ['ls-remote', link],
				cwd: dir,
				timeoutMs: 5000,
				env: {...isolatedGitEnv, HOME: isolatedHome()},
			});
			return result.exitCode === 0;
		},
		connectExternally() {
			writeFileSync(upMarker, '');
			symlinkSync(bare, link);
		},
		markUpOnly() {
			writeFileSync(upMarker, '');
		},
		isConnected() {
			return existsSync(link);
		},
	};
}

/** Wait for a condition with bounded polling (no fixed sleeps in assertions). */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await condition()) return;
		await new Promise(resolve => setTimeout(resolve, 25));
	}

	throw new Error(`timed out after ${timeoutMs}ms waiting for ${what}`);
}
