import path from 'node:path';
import type {ResolvedRemote, ResolvedVpn} from '../config/schema.js';
import {repoConfigNames} from '../config/locate.js';

// Names the CLI discovers on its own (SPEC §2): for these, `remote-sync trust` run in the
// repository finds the same file, so the user need not type the path.
const discoveredNames = new Set<string>(repoConfigNames);

function shellQuote(text: string): string {
	return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

/** The exact command line that approves what `file` asks for. */
export function trustCommandFor(file: string): string {
	if (discoveredNames.has(path.basename(file))) return 'remote-sync trust';
	return `remote-sync trust --config ${shellQuote(file)}`;
}

/** Shown instead of running an untrusted VPN's commands. */
export function untrustedMessage(vpn: ResolvedVpn): string {
	const file = vpn.source ?? 'your config';
	return `vpn "${vpn.name}": commands from ${file} are not trusted; review them and run: ${trustCommandFor(file)}`;
}

/** Why a remote whose destination only an untrusted repo file names is never contacted. */
export function untrustedUrlMessage(remote: ResolvedRemote, file: string): string {
	return `untrusted, not pushed: the url of ${remote.name} comes only from ${file}, which you have not trusted; review it and run: ${trustCommandFor(file)}`;
}

/** Said once per file: a wider tags policy waits for trust. */
export function untrustedTagsMessage(file: string, policies: ReadonlyArray<{remote: string; requested: string; untrusted: string}>): string {
	const list = policies.map(({remote, requested, untrusted}) => `${remote} (${requested} acts as ${untrusted})`).join(', ');
	return `${file}: tags is not trusted yet for ${list}; review it and run: ${trustCommandFor(file)}`;
}

/** Said once per file: a looser force-push policy waits for trust. */
export function untrustedForcePushMessage(file: string, policies: ReadonlyArray<{remote: string; requested: string; untrusted: string}>): string {
	const list = policies.map(({remote, requested, untrusted}) => `${remote} (${requested} acts as ${untrusted})`).join(', ');
	return `${file}: force_push is not trusted yet for ${list}; review it and run: ${trustCommandFor(file)}`;
}

/** Said once per file: branch_map entries wait for trust; until then the branch keeps the user's mapping. */
export function untrustedBranchMapMessage(file: string, maps: ReadonlyArray<{remote: string; local: string; requested: string; untrusted: string}>): string {
	const list = maps.map(({remote, local, requested, untrusted}) => `${remote} (${local} → ${requested} acts as ${local} → ${untrusted})`).join(', ');
	return `${file}: branch_map is not trusted yet for ${list}; review it and run: ${trustCommandFor(file)}`;
}
