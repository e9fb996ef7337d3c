import type {ResolvedRemote} from '../config/schema.js';
import {runGit} from '../git/runner.js';
import {allTagsRefspec, tagRefspecs} from '../push/argv.js';
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
 * The tags a push of `sha` to `remote` takes: nothing for `none`; for `all` every local tag in
 * one pattern refspec; for `follow` the annotated tags `sha` reaches (git's `--merged`), each
 * in its own refspec, except those our copy of the remote's tags shows there already at the same
 * object (git matches explicit refspecs slowly: a release history of thousands of tags must not
 * be named on every push). Read when the push runs: a queued push takes the tags of then.
 */
export async function tagsForPush(cwd: string, remote: Pick<ResolvedRemote, 'name' | 'tags'>, sha: string, signal?: AbortSignal): Promise<TagPush> {
	if (remote.tags === 'none') return {tags: [], refspecs: []};
	if (remote.tags === 'all') {
		const tags = await forEachRef(cwd, localTagsArgv(), signal);
		return {tags, refspecs: tags.length > 0 ? [allTagsRefspec] : []};
	}

	const reached = await forEachRef(cwd, localTagsArgv(sha), signal);
	const selected = selectTags('follow', reached, new Set(reached.map(tag => tag.name)));
	if (selected.length === 0) return {tags: [], refspecs: []};
	const prefix = remoteTagsPrefix(remote.name);
	const known = await runGit({args: ['for-each-ref', '--format=%(objectname) %(refname)', '--', prefix], cwd, signal});
	const there = new Map<string, string>();
	for (const line of known.exitCode === 0 ? known.stdout.split('\n') : []) {
		const [objectSha, ref] = line.split(' ');
		if (objectSha && ref?.startsWith(prefix)) there.set(ref.slice(prefix.length), objectSha);
	}

	const tags = selected.filter(tag => there.get(tag.name) !== tag.sha);
	return {tags, refspecs: tagRefspecs(tags.map(tag => tag.name))};
}

/** The names of the tags whose commit `sha` reaches (for `follow`): one for-each-ref however many remotes ask. */
export async function tagsReachedBy(cwd: string, sha: string, signal?: AbortSignal): Promise<Set<string>> {
	const out = await runGit({args: localTagsArgv(sha), cwd, signal});
	if (out.exitCode !== 0) throw new TagReadError(out.stderr);
	return new Set(parseTagLines(out.stdout).map(tag => tag.name));
}
