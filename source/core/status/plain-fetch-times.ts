import {readdir, readFile, stat} from 'node:fs/promises';
import path from 'node:path';
import type {ResolvedRemote} from '../config/schema.js';
import {destinationPrefixes, ownsRef, type RemoteLayout} from './refspecs.js';

/**
 * When a plain `git fetch` (the user's, an IDE's, a cron job's) last fetched each remote,
 * read from what it leaves behind, with file reads only (no git process):
 * - FETCH_HEAD, rewritten by every fetch, names the URL of what it fetched ("branch 'main'
 *   of <url>"): its mtime is that remote's fetch time;
 * - the reflog of each tracking ref the fetch moved (`logs/refs/remotes/<name>/...`).
 * Neither is complete (an empty remote leaves an empty FETCH_HEAD, an unchanged ref no
 * reflog line), so these only ever make a remote look fetched more recently.
 */

type Dirs = {gitDir: string; commonDir: string};

export async function plainFetchTimes(dirs: Dirs, remotes: readonly ResolvedRemote[], layout: RemoteLayout): Promise<Record<string, string>> {
	const times: Record<string, number> = {};
	const note = (remote: string, ms: number) => {
		if (!(times[remote]! >= ms)) times[remote] = ms;
	};

	const [fetchHeads, reflogs] = await Promise.all([
		Promise.all([...new Set([dirs.gitDir, dirs.commonDir])].map(async dir => readFetchHead(path.join(dir, 'FETCH_HEAD')))),
		Promise.all(remotes.map(async remote => [remote.name, await newestReflog(dirs.commonDir, layout, remote.name)] as const)),
	]);
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

async function newestReflog(commonDir: string, layout: RemoteLayout, remote: string): Promise<number | undefined> {
	let newest: number | undefined;
	for (const prefix of destinationPrefixes(layout.get(remote) ?? [])) {
		if (!prefix.endsWith('/')) continue;
		const dir = path.join(commonDir, 'logs', ...prefix.split('/').filter(Boolean));
		let files: string[];
		try {
			files = await readdir(dir, {recursive: true});
		} catch {
			continue;
		}

		for (const file of files) {
			const ref = prefix + file.split(path.sep).join('/');
			if (!ownsRef(layout, remote, ref)) continue;
			try {
				const info = await stat(path.join(dir, file));
				if (info.isFile() && !(newest! >= info.mtimeMs)) newest = info.mtimeMs;
			} catch {
				// Removed while we looked: a ref deleted by prune.
			}
		}
	}

	return newest;
}
