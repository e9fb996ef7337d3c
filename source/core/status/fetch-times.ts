import {mkdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import {writeFileAtomically} from '../atomic-write.js';
import {runGit} from '../git/runner.js';
import {plainFetchTimes, type PlainFetchInput} from './plain-fetch-times.js';

/**
 * When each remote was last fetched. By us: `<git-common-dir>/remote-sync/fetched.json`,
 * `{"<remote>": "<ISO time>"}`. One file per repository (shared by worktrees, never
 * committed). It is a hint for "how old are these counts", so a missing or corrupt file
 * reads as "never fetched" instead of failing status.
 */

export type FetchTimes = Record<string, string>;

export type GitDirs = {gitDir: string; commonDir: string};

async function gitDirs(cwd: string): Promise<GitDirs | undefined> {
	const out = await runGit({args: ['rev-parse', '--path-format=absolute', '--absolute-git-dir', '--git-common-dir'], cwd});
	const [gitDir, commonDir] = out.exitCode === 0 ? out.stdout.split('\n') : [];
	return gitDir && commonDir ? {gitDir, commonDir: path.resolve(cwd, commonDir)} : undefined;
}

/**
 * `tags-seen.json`, the same shape: when our fetch last stored the remote's tags (under
 * refs/remote-sync/, tags/private-refs.ts). Its own file because fetches made before tags
 * were fetched, and plain fetches, saw no tags: a remote absent from it was never looked at
 * (status `tags: null`), one present with no stored tag has none.
 */
function fileIn(dirs: GitDirs, name: 'fetched.json' | 'tags-seen.json' = 'fetched.json'): string {
	return path.join(dirs.commonDir, 'remote-sync', name);
}

export async function fetchTimesFile(cwd: string): Promise<string | undefined> {
	const dirs = await gitDirs(cwd);
	return dirs ? fileIn(dirs) : undefined;
}

export async function readFetchTimesFile(file: string): Promise<FetchTimes> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch {
		return {};
	}

	try {
		const parsed: unknown = JSON.parse(text);
		if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
		const times: FetchTimes = {};
		for (const [remote, at] of Object.entries(parsed)) {
			if (typeof at === 'string' && !Number.isNaN(Date.parse(at))) times[remote] = at;
		}

		return times;
	} catch {
		return {};
	}
}

// Parallel fetches finish at the same moment: serialize the read-modify-write per file so
// no time is lost. Two processes racing can still drop one time — harmless for a hint.
const writes = new Map<string, Promise<void>>();

export async function recordFetchTimeInFile(file: string, remote: string, at: Date = new Date()): Promise<void> {
	const previous = writes.get(file) ?? Promise.resolve();
	const next = previous.then(async () => {
		const times = await readFetchTimesFile(file);
		times[remote] = at.toISOString();
		await mkdir(path.dirname(file), {recursive: true});
		await writeFileAtomically(file, JSON.stringify(times, null, '\t') + '\n');
	});
	const settled = next.catch(() => undefined);
	writes.set(file, settled);
	void settled.then(() => {
		if (writes.get(file) === settled) writes.delete(file);
	});
	return next;
}

/**
 * Our own record, and — for the `plain.remotes` given — what a plain `git fetch` left behind (the
 * FETCH_HEAD it wrote, the reflogs of the tracking refs it moved): the newest of them.
 * `known`: the git dirs when the caller has them (start-up read them), saving a rev-parse.
 */
export async function readFetchTimes(cwd: string, plain?: PlainFetchInput, known?: GitDirs): Promise<FetchTimes> {
	return (await readFetchRecords(cwd, plain, known)).fetchedAt;
}

export type FetchRecords = {fetchedAt: FetchTimes; tagsSeenAt: FetchTimes};

/** readFetchTimes, and when our fetch last stored each remote's tags: at most one git process for both. */
export async function readFetchRecords(cwd: string, plain?: PlainFetchInput, known?: GitDirs): Promise<FetchRecords> {
	const dirs = known ?? (await gitDirs(cwd));
	if (!dirs) return {fetchedAt: {}, tagsSeenAt: {}};
	const [ours, tagsSeenAt, byGit] = await Promise.all([
		readFetchTimesFile(fileIn(dirs)),
		readFetchTimesFile(fileIn(dirs, 'tags-seen.json')),
		plain ? plainFetchTimes(dirs, plain) : ({} as FetchTimes),
	]);
	const times: FetchTimes = {...ours};
	for (const [remote, at] of Object.entries(byGit)) {
		if (times[remote] === undefined || Date.parse(at) > Date.parse(times[remote])) times[remote] = at;
	}

	return {fetchedAt: times, tagsSeenAt};
}

/** After our fetch: it fetched the remote's branches and its tags (fetch.ts), so both records. */
export async function recordFetchTime(cwd: string, remote: string, at: Date = new Date()): Promise<void> {
	const dirs = await gitDirs(cwd);
	if (!dirs) return;
	await Promise.all([recordFetchTimeInFile(fileIn(dirs), remote, at), recordFetchTimeInFile(fileIn(dirs, 'tags-seen.json'), remote, at)]);
}
