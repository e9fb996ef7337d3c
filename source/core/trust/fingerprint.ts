import path from 'node:path';
import type {ResolvedRemote, ResolvedVpn} from '../config/schema.js';
import {redactUrl} from '../git/redact.js';
import {pinCheckoutFiles} from './checkout-files.js';
import {sha256Hex} from './sha256.js';

/**
 * What trust approves: everything a repo file asks for that could run code, send data
 * somewhere new or loosen a safety policy (SPEC §2) —
 * - a VPN's shell commands, with the checkout files they name (their contents),
 * - a `url` for a remote git does not have (a new destination),
 * - a `force_push` looser than the user's own,
 * - a `tags` policy that sends more tags than the user's own,
 * - `branch_map` entries that send the user's branch to another branch of the user's remote.
 * Each is one request with a fingerprint over its exact content and the file it came from,
 * so a changed command, script, url or policy, or the same text copied into another
 * repository, needs approval again.
 */

export type VpnCommandKey = 'connect_cmd' | 'disconnect_cmd' | 'check_cmd';

export type VpnCommand = {key: VpnCommandKey; command: string};

export type TrustRequest = {
	/** The repo file that asks (absolute path). */
	file: string;
	/** What is asked, one line each, as `remote-sync trust` shows it. */
	lines: string[];
	/** sha256 (hex) over everything the approval pins. */
	fingerprint: string;
};

/** The commands a VPN defines, in the order they would run, with their config key names. */
export function vpnCommands(vpn: ResolvedVpn): VpnCommand[] {
	const commands: VpnCommand[] = [];
	if (vpn.checkCmd !== undefined) commands.push({key: 'check_cmd', command: vpn.checkCmd});
	if (vpn.connectCmd !== undefined) commands.push({key: 'connect_cmd', command: vpn.connectCmd});
	if (vpn.disconnectCmd !== undefined) commands.push({key: 'disconnect_cmd', command: vpn.disconnectCmd});
	return commands;
}

// JSON keeps the fields apart: no two different requests can hash the same text.
function hash(pinned: unknown[]): string {
	return sha256Hex(JSON.stringify(pinned));
}

/** The VPN's commands, or undefined when nothing needs approval (the user's own config, no commands). */
export function vpnRequest(vpn: ResolvedVpn): TrustRequest | undefined {
	const commands = vpnCommands(vpn);
	if (vpn.source === undefined || commands.length === 0) return undefined;
	// Commands run in the repo file's directory (vpn-manager.ts), so that is where their words resolve.
	const pins = vpn.workTree === undefined ? {} : pinCheckoutFiles(commands.map(({command}) => command), path.dirname(vpn.source), vpn.workTree);
	const files = Object.entries(pins).filter(([, state]) => state.includes('sha256:'));
	return {
		file: vpn.source,
		lines: [...commands.map(({key, command}) => `${vpn.name}.${key}: ${command}`), ...files.map(([file]) => `${vpn.name} runs ${file} (its contents are pinned)`)],
		fingerprint: hash(['vpn', vpn.source, vpn.name, vpn.connectCmd ?? null, vpn.disconnectCmd ?? null, vpn.checkCmd ?? null, pins]),
	};
}

/** The destination a repo file adds, or undefined when git has the remote or no repo file names a url. */
export function urlRequest(remote: ResolvedRemote): TrustRequest | undefined {
	const asks = remote.repoAsks;
	if (asks?.url === undefined) return undefined;
	return {
		file: asks.file,
		lines: [`remotes.${remote.name}.url: ${redactUrl(asks.url) ?? asks.url} (a destination of its own: pushes go there)`],
		fingerprint: hash(['url', asks.file, remote.name, asks.url]),
	};
}

/**
 * A policy a repo file sets beyond the user's own (a looser force_push, a tags policy that
 * sends more), or undefined when it asks for nothing more. The fingerprint names the config
 * key, so approvals given before this helper existed still match.
 */
function policyRequest(remote: ResolvedRemote, ask: 'forcePush' | 'tags', key: 'force_push' | 'tags'): TrustRequest | undefined {
	const asks = remote.repoAsks;
	const asked = asks?.[ask];
	if (asks === undefined || asked === undefined) return undefined;
	return {
		file: asks.file,
		lines: [`remotes.${remote.name}.${key}: ${asked.requested} (until trusted: ${asked.untrusted})`],
		fingerprint: hash([key, asks.file, remote.name, asked.requested]),
	};
}

/** A looser force_push than the user's own, or undefined when the repo file loosens nothing. */
export function forcePushRequest(remote: ResolvedRemote): TrustRequest | undefined {
	return policyRequest(remote, 'forcePush', 'force_push');
}

/** A `tags` policy that sends more than the user's own, or undefined when the repo file widens nothing. */
export function tagsRequest(remote: ResolvedRemote): TrustRequest | undefined {
	return policyRequest(remote, 'tags', 'tags');
}

/** The branch_map entries a repo file sets, or undefined when it maps nothing differently from the user. */
export function branchMapRequest(remote: ResolvedRemote): TrustRequest | undefined {
	const asks = remote.repoAsks;
	if (asks?.branchMap === undefined) return undefined;
	const {requested, untrusted} = asks.branchMap;
	return {
		file: asks.file,
		lines: requested.map(
			([local, target]) => `remotes.${remote.name}.branch_map: ${local} → ${target} (pushes of ${local} go to ${target} there; until trusted: ${untrusted.get(local) ?? local})`,
		),
		fingerprint: hash(['branch_map', asks.file, remote.name, [...requested].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]),
	};
}

/** Every request the remotes make, each once (remotes may share a VPN), in config order. */
export function configRequests(remotes: readonly ResolvedRemote[]): TrustRequest[] {
	const requests = new Map<string, TrustRequest>();
	for (const remote of remotes) {
		for (const request of [remote.vpn && vpnRequest(remote.vpn), urlRequest(remote), forcePushRequest(remote), tagsRequest(remote), branchMapRequest(remote)]) {
			if (request) requests.set(request.fingerprint, request);
		}
	}

	return [...requests.values()];
}
