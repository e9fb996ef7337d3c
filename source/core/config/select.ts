import {UsageError} from '../errors.js';
import {didYouMean} from './did-you-mean.js';
import type {ResolvedRemote} from './schema.js';

/**
 * `--remote a,b --remote c` and `--group NAME` → the remotes to work on, still in priority
 * order. Both given means both must match. A name or group we do not know is a usage error
 * listing the known ones, never "nothing to do".
 */

export type RemoteSelection = {names?: readonly string[]; group?: string};

export function splitNames(values: readonly string[]): string[] {
	return values.flatMap(value => value.split(',')).map(name => name.trim()).filter(name => name !== '');
}

function known(items: readonly string[]): string {
	return items.length > 0 ? items.join(', ') : '(none)';
}

export function selectRemotes(remotes: ResolvedRemote[], selection: RemoteSelection): ResolvedRemote[] {
	let selected = remotes;

	if (selection.names !== undefined) {
		const names = splitNames(selection.names);
		const allNames = remotes.map(remote => remote.name);
		if (names.length === 0) throw new UsageError(`--remote needs a remote name; known remotes: ${known(allNames)}`);
		for (const name of names) {
			if (allNames.includes(name)) continue;
			const hint = didYouMean(name, allNames);
			throw new UsageError(`unknown remote ${JSON.stringify(name)}${hint ? ` (${hint})` : ''}; known remotes: ${known(allNames)}`);
		}

		selected = selected.filter(remote => names.includes(remote.name));
	}

	if (selection.group !== undefined) {
		const group = selection.group.trim();
		const groups = [...new Set(remotes.flatMap(remote => (remote.group === undefined ? [] : [remote.group])))].sort();
		if (!groups.includes(group)) {
			const hint = didYouMean(group, groups);
			const fix = groups.length > 0 ? `known groups: ${groups.join(', ')}` : 'no remote has a "group"; set one in .remotesyncrc.json';
			throw new UsageError(`unknown group ${JSON.stringify(group)}${hint ? ` (${hint})` : ''}; ${fix}`);
		}

		selected = selected.filter(remote => remote.group === group);
		if (selected.length === 0) {
			throw new UsageError(`no remote named with --remote is in group ${JSON.stringify(group)}; drop --remote or --group`);
		}
	}

	return selected;
}
