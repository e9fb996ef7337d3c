import type {TagPolicy} from '../config/schema.js';
import {runGit} from '../git/runner.js';
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

/**
 * The tags a push of `sha` takes under `policy`: no process for `none`, one for-each-ref
 * otherwise (`follow` asks git for the tags `sha` reaches; `all` lists them all). Read when
 * the push runs, so a queued push delivered later takes the tags of then.
 */
export async function tagsForPush(cwd: string, policy: TagPolicy, sha: string, signal?: AbortSignal): Promise<LocalTag[]> {
	if (policy === 'none') return [];
	const out = await runGit({args: localTagsArgv(policy === 'follow' ? sha : undefined), cwd, signal});
	if (out.exitCode !== 0) throw new TagReadError(out.stderr);
	const tags = parseTagLines(out.stdout);
	return selectTags(policy, tags, new Set(tags.map(tag => tag.name)));
}

/** The names of the tags whose commit `sha` reaches (for `follow`): one for-each-ref however many remotes ask. */
export async function tagsReachedBy(cwd: string, sha: string, signal?: AbortSignal): Promise<Set<string>> {
	const out = await runGit({args: localTagsArgv(sha), cwd, signal});
	if (out.exitCode !== 0) throw new TagReadError(out.stderr);
	return new Set(parseTagLines(out.stdout).map(tag => tag.name));
}
