import type {ResolvedRemote} from '../config/schema.js';
import {runGit} from '../git/runner.js';
import {allTagsRefspec, tagRefspecs} from '../push/argv.js';
import type {RefSnapshot} from '../status/refs.js';
import {remoteTagsPrefix} from './private-refs.js';
import {localTagsArgv, parseTagLine, selectTags, type LocalTag} from './select-tags.js';

export class TagReadError extends Error {
	constructor(stderr: string) {
		super(`could not list the local tags: ${stderr.trim() || 'git for-each-ref failed'}`);
		this.name = 'TagReadError';
	}
}

export function parseTagLines(stdout: string): LocalTag[] {
	return stdout.split('\n').flatMap(line => parseTagLine(line) ?? []);
}

/** What a push takes along: the tags whose outcome it reads, and the refspecs that send them. */
export type TagPush = {tags: LocalTag[]; refspecs: string[]};

async function forEachRef(cwd: string, args: string[], signal?: AbortSignal): Promise<LocalTag[]> {
	const out = await runGit({args, cwd, signal});
	if (out.exitCode !== 0) throw new TagReadError(out.stderr);
	return parseTagLines(out.stdout);
}

/**
 * The tag reads of one operation, each asked of git at most once however many remotes push:
 * every local tag, the tags a sha reaches, our copy of a remote's tags. `known`: the refs the
 * caller read moments ago with the tags (start-up's for-each-ref, nothing run since): then the
 * local tags and our copies come from it, and `follow` asks git nothing when no local tag is
 * annotated (lightweight tags never follow). Made per operation, so a push delivered later
 * (the queue, a second press in the dashboard) reads the tags of then.
 */
export type TagReads = {
	local(): Promise<readonly LocalTag[]>;
	/** The tags whose commit `sha` reaches (git's `--merged`, which peels annotated tags). */
	reachedBy(sha: string): Promise<readonly LocalTag[]>;
	/** Our copy of the remote's tags: tag name → object, as our last fetch or push left it. */
	storedFor(remote: string): Promise<ReadonlyMap<string, string>>;
};

export function tagReads(cwd: string, options: {known?: RefSnapshot; signal?: AbortSignal} = {}): TagReads {
	const {signal} = options;
	const known = options.known?.tags;
	const once = <T>(cache: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> => {
		let pending = cache.get(key);
		if (!pending) {
			pending = read();
			// A failed read is not kept: the next push asks again.
			pending.catch(() => cache.delete(key));
			cache.set(key, pending);
		}

		return pending;
	};

	const locals = new Map<string, Promise<readonly LocalTag[]>>();
	const reached = new Map<string, Promise<readonly LocalTag[]>>();
	const stored = new Map<string, Promise<ReadonlyMap<string, string>>>();
	return {
		local: () => (known ? Promise.resolve(known.local) : once(locals, '', async () => forEachRef(cwd, localTagsArgv(), signal))),
		reachedBy: sha =>
			known && !known.local.some(tag => tag.annotated)
				? Promise.resolve([])
				: once(reached, sha, async () => forEachRef(cwd, localTagsArgv(sha), signal)),
		storedFor: remote =>
			once(stored, remote, async () => {
				const prefix = remoteTagsPrefix(remote);
				const there = new Map<string, string>();
				const add = (ref: string, sha: string) => {
					if (ref.startsWith(prefix)) there.set(ref.slice(prefix.length), sha);
				};
				if (known) for (const [ref, sha] of known.stored) add(ref, sha);
				else {
					const out = await runGit({args: ['for-each-ref', '--format=%(objectname) %(refname)', '--', prefix], cwd, signal});
					for (const line of out.exitCode === 0 ? out.stdout.split('\n') : []) {
						const [sha, ref] = line.split(' ');
						if (sha && ref) add(ref, sha);
					}
				}

				return there;
			}),
	};
}

/**
 * The tags a push of `sha` to `remote` takes: nothing for `none`; for `all` every local tag in
 * one pattern refspec; for `follow` the annotated tags `sha` reaches (git's `--merged`), each
 * in its own refspec, except those our copy of the remote's tags shows there already at the same
 * object (git matches explicit refspecs slowly: a release history of thousands of tags must not
 * be named on every push).
 */
export async function tagsForPush(reads: TagReads, remote: Pick<ResolvedRemote, 'name' | 'tags'>, sha: string): Promise<TagPush> {
	if (remote.tags === 'none') return {tags: [], refspecs: []};
	if (remote.tags === 'all') {
		const tags = [...(await reads.local())];
		return {tags, refspecs: tags.length > 0 ? [allTagsRefspec] : []};
	}

	const reached = await reads.reachedBy(sha);
	const selected = selectTags('follow', reached, new Set(reached.map(tag => tag.name)));
	if (selected.length === 0) return {tags: [], refspecs: []};
	const there = await reads.storedFor(remote.name);
	const tags = selected.filter(tag => there.get(tag.name) !== tag.sha);
	return {tags, refspecs: tagRefspecs(tags.map(tag => tag.name))};
}
