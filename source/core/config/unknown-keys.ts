import {didYouMean} from './did-you-mean.js';
import {formatKeyPath} from './key-path.js';
import {remoteKeys, topLevelKeys as topKeys, vpnKeys} from './layer-check.generated.js';

/**
 * Unknown keys are warnings, not errors: a newer tool's key, or one of ours the old tool
 * never had, must not stop a push. But a typo (`max_worker`) silently doing nothing is the
 * worst outcome, so each warning names the closest known key.
 */

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function check(object: unknown, known: readonly string[], path: string[], found: string[]): void {
	if (!isObject(object)) return;
	for (const key of Object.keys(object)) {
		if (known.includes(key)) continue;
		const hint = didYouMean(key, known);
		found.push(`${formatKeyPath([...path, key])}: unknown key, ignored; ${hint || `known keys here: ${known.filter(k => k !== '$schema').join(', ')}`}`);
	}
}

/** One "key path: unknown key ..." line per unknown key of a parsed (valid) layer. */
export function findUnknownKeys(data: unknown): string[] {
	const found: string[] = [];
	check(data, topKeys, [], found);
	if (!isObject(data)) return found;
	if (isObject(data.remotes)) {
		for (const [name, remote] of Object.entries(data.remotes)) {
			check(remote, remoteKeys, ['remotes', name], found);
			if (isObject(remote)) check(remote.vpn, vpnKeys, ['remotes', name, 'vpn'], found);
		}
	}

	if (isObject(data.vpn)) {
		for (const [name, vpn] of Object.entries(data.vpn)) check(vpn, vpnKeys, ['vpn', name], found);
	}

	return found;
}
