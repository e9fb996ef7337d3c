import {createHash} from 'node:crypto';
import type {ResolvedVpn} from '../config/schema.js';

/**
 * What trust approves: the shell commands a config file asks us to run. A fingerprint
 * pins the exact text of every command, the VPN's name and the file it came from, so a
 * changed command, a renamed VPN or the same commands copied into another repository all
 * need approval again (SPEC §2: a cloned repo must never run code by being opened).
 */

export type VpnCommandKey = 'connect_cmd' | 'disconnect_cmd' | 'check_cmd';

export type VpnCommand = {key: VpnCommandKey; command: string};

/** The commands a VPN defines, in the order they would run, with their config key names. */
export function vpnCommands(vpn: ResolvedVpn): VpnCommand[] {
	const commands: VpnCommand[] = [];
	if (vpn.checkCmd !== undefined) commands.push({key: 'check_cmd', command: vpn.checkCmd});
	if (vpn.connectCmd !== undefined) commands.push({key: 'connect_cmd', command: vpn.connectCmd});
	if (vpn.disconnectCmd !== undefined) commands.push({key: 'disconnect_cmd', command: vpn.disconnectCmd});
	return commands;
}

/** sha256 (hex) over file path, VPN name and its three commands. JSON keeps fields apart. */
export function fingerprint(vpn: ResolvedVpn): string {
	const pinned = [vpn.source ?? null, vpn.name, vpn.connectCmd ?? null, vpn.disconnectCmd ?? null, vpn.checkCmd ?? null];
	return createHash('sha256').update(JSON.stringify(pinned)).digest('hex');
}
