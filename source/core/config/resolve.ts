import {didYouMean} from './did-you-mean.js';
import type {GitRemotes} from './discover.js';
import {formatKeyPath} from './key-path.js';
import {filePrefix, lastDefining, type SourcedLayer} from './layers.js';
import {repoAsks} from './repo-asks.js';
import {resolveVpn} from './resolve-vpn.js';
import {defaults, remoteDefaults} from './defaults.js';
import type {ConfigLayer, ResolvedRemote} from './schema.js';

/**
 * Git's remotes + the merged config → the remotes we work on. Every git remote appears,
 * named in the config or not (defaults apply). A config remote git lacks is used through
 * its `url`; without one it is skipped with a warning. `enabled: false` hides a remote.
 */

export type ResolvedRemotes = {remotes: ResolvedRemote[]; warnings: string[]};

export function byPriorityThenName(a: ResolvedRemote, b: ResolvedRemote): number {
	if (a.priority !== b.priority) return a.priority - b.priority;
	return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export function resolveRemotes(merged: ConfigLayer, layers: readonly SourcedLayer[], gitRemotes: GitRemotes, workTree: string): ResolvedRemotes {
	const configured = merged.remotes ?? {};
	const names = [...gitRemotes.keys(), ...Object.keys(configured).filter(name => !gitRemotes.has(name))];
	const remotes: ResolvedRemote[] = [];
	const warnings: string[] = [];

	for (const name of names) {
		// Own entries only: git allows a remote named "constructor" or "__proto__", which every object has.
		const entry = Object.hasOwn(configured, name) ? configured[name] : undefined;
		const enabled = entry?.enabled ?? remoteDefaults.enabled;
		if (!enabled) continue;
		const gitUrl = gitRemotes.get(name);
		const url = gitUrl ?? entry?.url;
		if (url === undefined) {
			const from = lastDefining(layers, layer => layer.remotes?.[name] !== undefined);
			const hint = didYouMean(name, gitRemotes.keys());
			warnings.push(
				`${filePrefix(from)}${formatKeyPath(['remotes', name])}: git has no remote ${JSON.stringify(name)} and no "url" is set, so it is skipped; ${hint || `add it with "git remote add ${name} <url>" or set "url"`}`,
			);
			continue;
		}

		const asks = repoAsks(layers, name, gitUrl !== undefined);
		const branchMap = Object.entries(entry?.branch_map ?? {});
		remotes.push({
			name,
			url,
			inGit: gitUrl !== undefined,
			configured: entry !== undefined,
			priority: entry?.priority ?? remoteDefaults.priority,
			branches: entry?.branches ?? remoteDefaults.branches,
			forcePush: entry?.force_push ?? remoteDefaults.force_push,
			retry: entry?.retry ?? remoteDefaults.retry,
			timeoutSeconds: entry?.timeout ?? remoteDefaults.timeout,
			stallTimeoutSeconds: merged.stall_timeout ?? defaults.stall_timeout,
			group: entry?.group,
			vpn: resolveVpn(name, merged, layers, workTree),
			enabled,
			...(branchMap.length > 0 ? {branchMap: new Map(branchMap)} : {}),
			tags: entry?.tags ?? remoteDefaults.tags,
			...(asks ? {repoAsks: asks} : {}),
		});
	}

	remotes.sort(byPriorityThenName);
	return {remotes, warnings};
}
