import type {SourcedLayer} from './layers.js';
import {vpnDefaults} from './defaults.js';
import type {ConfigLayer, ResolvedVpn, VpnLayer} from './schema.js';

/**
 * A remote's `vpn` (a name in `vpn`, or an inline object) → ResolvedVpn with defaults.
 * `source` is the repo file when that file wrote any of the commands: such commands run
 * only after `trust`. Commands from the user's own config alone leave `source` undefined.
 */

const commandKeys = ['connect_cmd', 'disconnect_cmd', 'check_cmd'] as const;

function definesCommand(vpn: unknown): boolean {
	if (typeof vpn !== 'object' || vpn === null) return false;
	return commandKeys.some(key => (vpn as VpnLayer)[key] !== undefined);
}

// An empty command is no command: nothing to run, nothing to trust.
function command(value: string | undefined): string | undefined {
	return value === undefined || value.trim() === '' ? undefined : value;
}

function build(name: string, entry: VpnLayer, source: string | undefined, workTree: string): ResolvedVpn {
	return {
		name,
		connectCmd: command(entry.connect_cmd),
		disconnectCmd: command(entry.disconnect_cmd),
		checkCmd: command(entry.check_cmd),
		timeoutSeconds: entry.timeout ?? vpnDefaults.timeout,
		autoConnect: entry.auto_connect ?? vpnDefaults.auto_connect,
		source,
		...(source === undefined ? {} : {workTree}),
	};
}

function repoFileWhere(layers: readonly SourcedLayer[], pick: (layer: ConfigLayer) => unknown): string | undefined {
	const repo = layers.find(layer => layer.kind === 'repo' && definesCommand(pick(layer.layer)));
	return repo?.file;
}

/** Name given to an inline VPN: unique among the named ones, so connections are not shared by mistake. */
export function inlineVpnName(remote: string, merged: ConfigLayer): string {
	const named = merged.vpn ?? {};
	const base = `${remote}-vpn`;
	return base in named ? `${remote}-inline-vpn` : base;
}

export function resolveVpn(remote: string, merged: ConfigLayer, layers: readonly SourcedLayer[], workTree: string): ResolvedVpn | undefined {
	const ref = merged.remotes?.[remote]?.vpn;
	if (ref === undefined) return undefined;
	if (typeof ref === 'string') {
		// validateMerged has already ensured the entry exists.
		const entry = merged.vpn?.[ref] ?? {};
		return build(ref, entry, repoFileWhere(layers, layer => layer.vpn?.[ref]), workTree);
	}

	return build(inlineVpnName(remote, merged), ref, repoFileWhere(layers, layer => layer.remotes?.[remote]?.vpn), workTree);
}
