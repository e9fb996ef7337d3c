import {ConfigError} from '../errors.js';
import {didYouMean} from './did-you-mean.js';
import {formatKeyPath} from './key-path.js';
import {filePrefix, lastDefining, type SourcedLayer} from './layers.js';
import type {ConfigLayer} from './schema.js';
import {unsafeUrlReason} from './url-safety.js';
import {validateBranchMaps} from './validate-branch-map.js';

/**
 * Checks that need the merged config (each file alone may be fine): a remote's `vpn` name
 * must be defined by some layer; `branch_map` is one-to-one (validate-branch-map.ts). Plus one safety check: a config `url` starting with "-"
 * would reach git as an option (--upload-pack=...), so a cloned repo could run code.
 */
export function validateMerged(merged: ConfigLayer, layers: readonly SourcedLayer[], where?: {cwd: string; workTree: string}): void {
	const vpnNames = Object.keys(merged.vpn ?? {});
	for (const [name, remote] of Object.entries(merged.remotes ?? {})) {
		const keyOf = (key: string) => formatKeyPath(['remotes', name, key]);
		if (typeof remote.vpn === 'string' && !vpnNames.includes(remote.vpn)) {
			const from = lastDefining(layers, layer => layer.remotes?.[name]?.vpn !== undefined);
			const known = vpnNames.length > 0 ? `defined: ${vpnNames.join(', ')}` : 'no "vpn" entries are defined';
			const hint = didYouMean(remote.vpn, vpnNames);
			throw new ConfigError(
				`${filePrefix(from)}${keyOf('vpn')}: no entry named ${JSON.stringify(remote.vpn)} in "vpn" (${known}); ${hint || `add "vpn": {${JSON.stringify(remote.vpn)}: {"connect_cmd": "..."}} or fix the name`}`,
				{file: from?.display, keyPath: keyOf('vpn')},
			);
		}

		if (typeof remote.url === 'string' && remote.url.trimStart().startsWith('-')) {
			const from = lastDefining(layers, layer => layer.remotes?.[name]?.url !== undefined);
			throw new ConfigError(
				`${filePrefix(from)}${keyOf('url')}: must not begin with "-" (got ${JSON.stringify(remote.url)}); write the repository URL, e.g. "git@example.com:team/repo.git"`,
				{file: from?.display, keyPath: keyOf('url')},
			);
		}

		const unsafe = typeof remote.url === 'string' && where ? unsafeUrlReason(remote.url, where) : undefined;
		if (unsafe) {
			const from = lastDefining(layers, layer => layer.remotes?.[name]?.url !== undefined);
			throw new ConfigError(
				`${filePrefix(from)}${keyOf('url')}: refused (${unsafe}); use a repository outside the checkout, or add it yourself with git remote add ${JSON.stringify(name)} <url> if you trust it`,
				{file: from?.display, keyPath: keyOf('url')},
			);
		}
	}

	validateBranchMaps(merged, layers);
}
