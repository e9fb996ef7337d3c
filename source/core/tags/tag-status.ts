import type {TagPolicy} from '../config/schema.js';
import type {TagStatus} from '../model.js';
import {remoteTagsPrefix} from './private-refs.js';
import {selectTags, type LocalTag} from './select-tags.js';

/**
 * A remote's tags as status reports them (SPEC §3, §6), from the copy our last fetch stored:
 * exactly what a push would do with the tags its policy selects — `missing` would be sent,
 * `differ` would be refused (the remote has the tag elsewhere; a push never overwrites it).
 * So `none` counts nothing at all: the remote's tags are not ours to manage there, and a
 * moved tag that no push would ever send is no failure of the mirror.
 */
export function tagStatus(remote: string, policy: TagPolicy, local: readonly LocalTag[], reachable: ReadonlySet<string>, stored: ReadonlyMap<string, string>): TagStatus {
	const prefix = remoteTagsPrefix(remote);
	let missing = 0;
	const differ: string[] = [];
	for (const tag of selectTags(policy, local, reachable)) {
		const theirs = stored.get(prefix + tag.name);
		if (theirs === undefined) missing++;
		else if (theirs !== tag.sha) differ.push(tag.name);
	}

	return {missing, differ};
}
