/**
 * Where our fetch keeps each remote's tags: `refs/remote-sync/<encoded remote>/tags/<tag>`,
 * never the user's refs/tags (a remote's moved tag must not move the user's). The remote's
 * name is encoded so that any name git accepts (slashes, dots, `@{`, non-ASCII) gives one
 * valid ref component, and two names never share a namespace: every byte outside
 * [A-Za-z0-9_-] becomes `%XX` (so `gh/mirror` is `gh%2Fmirror`, never nested under `gh`).
 */

const plain = /[A-Za-z0-9_-]/;

export function encodeRemoteName(remote: string): string {
	let encoded = '';
	for (const char of remote) {
		if (plain.test(char)) encoded += char;
		else for (const byte of Buffer.from(char, 'utf8')) encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
	}

	return encoded;
}

/** The one parent of every ref we keep: read with a single for-each-ref. */
export const privateNamespace = 'refs/remote-sync/';

/** `refs/remote-sync/<encoded>/tags/`: the remote's tags as our last fetch saw them. */
export function remoteTagsPrefix(remote: string): string {
	return `${privateNamespace}${encodeRemoteName(remote)}/tags/`;
}

/** Added to every fetch of ours (beside `--no-tags`, which keeps git from writing refs/tags). `+`: it mirrors the remote, moved tags included. */
export function tagFetchRefspec(remote: string): string {
	return `+refs/tags/*:${remoteTagsPrefix(remote)}*`;
}
