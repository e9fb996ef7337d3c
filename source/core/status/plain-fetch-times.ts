import {statSync} from 'node:fs';
import {readFile, stat} from 'node:fs/promises';
import path from 'node:path';
import type {ResolvedRemote} from '../config/schema.js';

/**
 * When a plain `git fetch` (the user's, an IDE's, a cron job's) last fetched each remote,
 * read from what it leaves behind, with file reads only (no git process):
 * - FETCH_HEAD, rewritten by every fetch, names the URL of what it fetched ("branch 'main'
 *   of <url>"): its mtime is that remote's fetch time;
 * - the reflog of each tracking ref the fetch moved (`logs/refs/remotes/<name>/...`), for
 *   the tracking refs the status read found (git removes a ref's reflog with the ref).
 * Neither is complete (an empty remote leaves an empty FETCH_HEAD, an unchanged ref no
 * reflog line), so these only ever make a remote look fetched more recently.
 */

type Dirs = {gitDir: string; commonDir: string};

/** What the status read already knows: the remotes asked about, and each one's tracking refs (refspecs.ts trackingRefsOf). */
export type PlainFetchInput = {remotes: readonly ResolvedRemote[]; trackingRefs: ReadonlyMap<string, readonly string[]>};

export async function plainFetchTimes(dirs: Dirs, {remotes, trackingRefs}: PlainFetchInput): Promise<Record<string, string>> {
	const times: Record<string, number> = {};
	const note = (remote: string, ms: number) => {
		if (!(times[remote]! >= ms)) times[remote] = ms;
	};

	const heads = Promise.all([...new Set([dirs.gitDir, dirs.commonDir])].map(async dir => readFetchHead(path.join(dir, 'FETCH_HEAD'))));
	const reflogs = remotes.map(remote => [remote.name, newestReflog(dirs.commonDir, trackingRefs.get(remote.name) ?? [])] as const);
	const fetchHeads = await heads;
	// Two remotes with one URL: FETCH_HEAD cannot say which was fetched, so it counts for neither.
	const byUrl = new Map<string, string[]>();
	for (const remote of remotes) if (remote.url) byUrl.set(normalizeUrl(remote.url), [...(byUrl.get(normalizeUrl(remote.url)) ?? []), remote.name]);
	for (const head of fetchHeads) {
		if (!head) continue;
		for (const [url, names] of byUrl) if (names.length === 1 && head.urls.has(url)) note(names[0]!, head.mtimeMs);
	}

	for (const [remote, ms] of reflogs) if (ms !== undefined) note(remote, ms);
	return Object.fromEntries(Object.entries(times).map(([remote, ms]) => [remote, new Date(ms).toISOString()]));
}

async function readFetchHead(file: string): Promise<{mtimeMs: number; urls: Set<string>} | undefined> {
	try {
		const [text, info] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
		const urls = new Set<string>();
		for (const line of text.split('\n')) {
			const description = line.split('\t')[2];
			if (!description) continue;
			// "branch 'main' of <url>", "'refs/x' of <url>", or just "<url>" for a fetch of HEAD.
			const url = /^(?:[a-z-]+ (?:[a-z]+ )?)?'[^']*' of (.+)$/.exec(description)?.[1] ?? description;
			urls.add(normalizeUrl(url));
		}

		return {mtimeMs: info.mtimeMs, urls};
	} catch {
		return undefined;
	}
}

/** The URL as git writes it into FETCH_HEAD: credentials dropped, no trailing `/` or `.git`. */
export function normalizeUrl(url: string): string {
	return url
		.trim()
		.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1')
		.replace(/\/+$/, '')
		.replace(/\.git$/, '')
		.replace(/\/+$/, '');
}

// The refs come from the status read, not from walking logs/: at 20 remotes x 50 branches the
// walk (readdir recursive) cost ~40 ms and its async stats 4-6 times what these synchronous
// ones cost (~5 ms for 1,000), on the dashboard's first frame.
function newestReflog(commonDir: string, refs: readonly string[]): number | undefined {
	let newest: number | undefined;
	for (const ref of refs) {
		// Undefined when there is none (reflogs off, a ref written by update-ref without one) or
		// it was removed while we looked (a ref deleted by prune).
		const info = statSync(path.join(commonDir, 'logs', ...ref.split('/')), {throwIfNoEntry: false});
		if (info?.isFile() && !(newest! >= info.mtimeMs)) newest = info.mtimeMs;
	}

	return newest;
}
