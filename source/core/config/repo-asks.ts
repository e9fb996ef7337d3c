import {lastDefining, type SourcedLayer} from './layers.js';
import type {BranchMap, ForcePushPolicy, RepoAsks, TagPolicy} from './schema.js';

/**
 * What a remote takes from the repo file that must wait for `remote-sync trust` (SPEC §2):
 * a file anyone can commit must not add a destination (a `url` for a remote git does not
 * have would let `--push-all` ship private branches to the file's author), nor loosen the
 * force-push policy of the user's own remotes, nor widen which tags go (`tags: "all"` would push
 * every local tag, and the private commits lightweight tags point at), nor redirect the user's
 * branch to another branch of the user's own remote (`branch_map` `{"main": "production"}` would
 * make every push of main a deploy). Everything else a repo file says (priorities,
 * branches, retries, a stricter policy) applies at once: it cannot send data anywhere new.
 */

const looseness: Record<ForcePushPolicy, number> = {block: 0, warn: 1, allow: 2};
const tagReach: Record<TagPolicy, number> = {none: 0, follow: 1, all: 2};

/**
 * The loosest policy a repo file may set without trust: the user's own choice for the remote,
 * else `warn` (a forced push under `warn` still needs `--force` or a confirmation).
 */
function ownPolicy(layers: readonly SourcedLayer[], name: string): ForcePushPolicy | undefined {
	const own = layers.filter(layer => layer.kind !== 'repo');
	return lastDefining(own, layer => layer.remotes?.[name]?.force_push !== undefined)?.layer.remotes?.[name]?.force_push;
}

/** The user's own `tags` for the remote (user file, environment, command line), if any. */
function ownTags(layers: readonly SourcedLayer[], name: string): TagPolicy | undefined {
	const own = layers.filter(layer => layer.kind !== 'repo');
	return lastDefining(own, layer => layer.remotes?.[name]?.tags !== undefined)?.layer.remotes?.[name]?.tags;
}

/**
 * The branch_map entries whose value comes from the repo file and differs from what the user's
 * own layers say (else the branch's own name), with the map that applies until trusted.
 */
function branchMapAsks(layers: readonly SourcedLayer[], repo: SourcedLayer, name: string): RepoAsks['branchMap'] {
	const asked = repo.layer.remotes?.[name]?.branch_map;
	if (asked === undefined) return undefined;
	const own = new Map<string, string>();
	for (const layer of layers) if (layer.kind !== 'repo') for (const [local, target] of Object.entries(layer.layer.remotes?.[name]?.branch_map ?? {})) own.set(local, target);
	const requested: Array<readonly [string, string]> = [];
	for (const [local, target] of Object.entries(asked)) {
		const from = lastDefining(layers, layer => layer.remotes?.[name]?.branch_map?.[local] !== undefined);
		if (from === repo && (own.get(local) ?? local) !== target) requested.push([local, target]);
	}

	return requested.length === 0 ? undefined : {requested, untrusted: own satisfies BranchMap};
}

export function repoAsks(layers: readonly SourcedLayer[], name: string, inGit: boolean): RepoAsks | undefined {
	const repo = layers.find(layer => layer.kind === 'repo');
	const entry = repo?.layer.remotes?.[name];
	if (repo?.file === undefined || entry === undefined) return undefined;
	const asks: RepoAsks = {file: repo.file};
	const urlFrom = lastDefining(layers, layer => layer.remotes?.[name]?.url !== undefined);
	// A remote git has is the user's own (`git remote add`): git's URL wins and the file's is unused.
	if (!inGit && urlFrom === repo && entry.url !== undefined) asks.url = entry.url;
	const policyFrom = lastDefining(layers, layer => layer.remotes?.[name]?.force_push !== undefined);
	if (policyFrom === repo && entry.force_push !== undefined) {
		const own = ownPolicy(layers, name);
		const ceiling = own ?? 'warn';
		if (looseness[entry.force_push] > looseness[ceiling]) asks.forcePush = {requested: entry.force_push, untrusted: ceiling};
	}

	const tagsFrom = lastDefining(layers, layer => layer.remotes?.[name]?.tags !== undefined);
	if (tagsFrom === repo && entry.tags !== undefined) {
		// Unset, a remote sends what --follow-tags would: that much a repo file may ask for.
		const ceiling = ownTags(layers, name) ?? 'follow';
		if (tagReach[entry.tags] > tagReach[ceiling]) asks.tags = {requested: entry.tags, untrusted: ceiling};
	}

	const branchMap = branchMapAsks(layers, repo, name);
	if (branchMap) asks.branchMap = branchMap;
	return asks.url === undefined && asks.forcePush === undefined && asks.tags === undefined && asks.branchMap === undefined ? undefined : asks;
}
