import path from 'node:path';
import type {ResolvedVpn} from '../config/schema.js';

// Names the CLI discovers on its own (SPEC §2): for these, `remote-sync trust` run in the
// repository finds the same file, so the user need not type the path.
const discoveredNames = new Set(['.remotesyncrc.json', '.remotesyncrc', 'remote-sync.config.json']);

function shellQuote(text: string): string {
	return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

/** The exact command line that approves the commands of `file`. */
export function trustCommandFor(file: string): string {
	if (discoveredNames.has(path.basename(file))) return 'remote-sync trust';
	return `remote-sync trust --config ${shellQuote(file)}`;
}

/** Shown instead of running an untrusted VPN's commands. */
export function untrustedMessage(vpn: ResolvedVpn): string {
	const file = vpn.source ?? 'your config';
	return `vpn "${vpn.name}": commands from ${file} are not trusted; review them and run: ${trustCommandFor(file)}`;
}
