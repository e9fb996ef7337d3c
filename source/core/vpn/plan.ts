import type {ResolvedVpn} from '../config/schema.js';
import {redact} from '../git/redact.js';

/**
 * What a dry-run says about a VPN instead of running anything (SPEC §4 dry-run): each
 * command that would run, and when.
 */
export function planCommands(vpn: ResolvedVpn): string[] {
	const prefix = `vpn "${vpn.name}":`;
	const lines: string[] = [];
	if (vpn.checkCmd !== undefined) lines.push(`${prefix} would run check_cmd: ${redact(vpn.checkCmd)} (if the remote is unreachable)`);
	if (vpn.connectCmd !== undefined && vpn.autoConnect) {
		lines.push(`${prefix} would run connect_cmd: ${redact(vpn.connectCmd)} (if the remote is unreachable and the VPN is down)`);
	}

	if (vpn.disconnectCmd !== undefined && vpn.connectCmd !== undefined && vpn.autoConnect) {
		lines.push(`${prefix} would run disconnect_cmd: ${redact(vpn.disconnectCmd)} (when the work ends, if we connected it)`);
	}

	if (!vpn.autoConnect) lines.push(`${prefix} would not connect (auto_connect is false)`);
	return lines;
}
