import {runGit} from '../git/runner.js';
import {remoteTagsPrefix} from './private-refs.js';
import type {LocalTag} from './select-tags.js';

/**
 * After a push, the tags the remote now has as we do (sent, or reported up to date) go into our
 * stored copy of its tags, as git updates a remote-tracking ref after pushing a branch: status
 * right after a push then no longer counts them missing. One process, only when there is any.
 * A tag the remote refused is left as the last fetch saw it (we may lack its object).
 */
export async function recordPushedTags(cwd: string, remote: string, tags: readonly LocalTag[], signal?: AbortSignal): Promise<void> {
	if (tags.length === 0) return;
	const prefix = remoteTagsPrefix(remote);
	const input = tags.map(tag => `update ${prefix}${tag.name} ${tag.sha}\n`).join('');
	// A hint for status: failing to store it must not fail the push.
	await runGit({args: ['update-ref', '--stdin'], cwd, input, signal}).catch(() => undefined);
}
