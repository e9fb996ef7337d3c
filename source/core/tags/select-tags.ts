import type {TagPolicy} from '../config/schema.js';

/**
 * Which local tags a remote's `tags` policy sends with a branch (SPEC §2), decided in one
 * place for the push (what goes) and for status (what the remote lacks or has elsewhere):
 * - `follow`: annotated tags whose commit is reachable from the pushed tip, as
 *   `git push --follow-tags` chooses them (lightweight tags never follow);
 * - `all`: every local tag;
 * - `none`: nothing.
 */

export type LocalTag = {
	/** Without refs/tags/. */
	name: string;
	/** What refs/tags/<name> holds: the tag object of an annotated tag, else the object itself. */
	sha: string;
	annotated: boolean;
};

export function selectTags(policy: TagPolicy, tags: Iterable<LocalTag>, reachable: ReadonlySet<string>): LocalTag[] {
	if (policy === 'none') return [];
	const all = [...tags];
	return policy === 'all' ? all : all.filter(tag => tag.annotated && reachable.has(tag.name));
}

export const tagsPrefix = 'refs/tags/';

/** One line of `for-each-ref --format=%(objectname) %(objecttype) %(refname)` (refnames hold no spaces). */
export function parseTagLine(line: string): LocalTag | undefined {
	const [sha, type, ref] = line.split(' ');
	if (!sha || !type || !ref?.startsWith(tagsPrefix) || ref.length === tagsPrefix.length) return undefined;
	return {name: ref.slice(tagsPrefix.length), sha, annotated: type === 'tag'};
}

export const tagLineFormat = '--format=%(objectname) %(objecttype) %(refname)';

/**
 * The local tags, or with `mergedInto` only those whose commit it reaches: one process.
 * `--merged` peels an annotated tag to its commit, as --follow-tags does.
 */
export function localTagsArgv(mergedInto?: string): string[] {
	return ['for-each-ref', tagLineFormat, ...(mergedInto === undefined ? [] : [`--merged=${mergedInto}`]), '--', 'refs/tags/'];
}
