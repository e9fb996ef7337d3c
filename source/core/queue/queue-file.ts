import {constants} from 'node:fs';
import {open, rename, stat} from 'node:fs/promises';
import {branchNameProblem} from '../git/branch-name.js';
import type {QueueEntry} from '../model.js';
import {describeErrno, errnoCode, QueueReadError} from './errors.js';

/**
 * The on-disk format: `{"version": 1, "entries": [...]}`. Parsing never throws for bad
 * content: it says what is wrong and which entries can still be saved, so the store can set
 * the file aside instead of silently emptying it.
 *
 * Version 2 adds an entry's `remoteBranch` (branch_map). A file is written as version 2 only
 * while it holds such an entry, so a version of us from before branch_map refuses it ("written
 * by a newer remote-sync-tui") instead of dropping the field and delivering to the local name.
 */
export const queueFormatVersion = 2;
const plainFormatVersion = 1;

export type QueueFileState =
	| {kind: 'missing'}
	| {kind: 'ok'; text: string; entries: QueueEntry[]}
	/** Unusable as it is: `salvaged` holds the entries that were still well-formed. */
	| {kind: 'corrupt'; text: string; reason: string; salvaged: QueueEntry[]};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
/** A full or abbreviated object name: never something git could read as an option. */
export const isSha = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{4,64}$/i.test(value);
const isTime = (value: unknown): value is string => isText(value) && !Number.isNaN(Date.parse(value));

export function isQueueEntry(value: unknown): value is QueueEntry {
	return (
		isObject(value) &&
		isText(value.remote) &&
		isText(value.branch) &&
		(value.remoteBranch === undefined || (typeof value.remoteBranch === 'string' && branchNameProblem(value.remoteBranch) === undefined)) &&
		isSha(value.sha) &&
		typeof value.attempts === 'number' &&
		Number.isInteger(value.attempts) &&
		value.attempts >= 0 &&
		typeof value.lastError === 'string' &&
		isTime(value.queuedAt) &&
		isTime(value.lastAttemptAt)
	);
}

/** Keep only the fields we own: a hand-edited extra key does not travel further. */
function pick(entry: QueueEntry): QueueEntry {
	const {remote, branch, remoteBranch, sha, attempts, lastError, queuedAt, lastAttemptAt} = entry;
	return {remote, branch, ...(remoteBranch === undefined || remoteBranch === branch ? {} : {remoteBranch}), sha, attempts, lastError, queuedAt, lastAttemptAt};
}

export function parseQueueText(file: string, text: string): QueueFileState {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (error) {
		return {kind: 'corrupt', text, reason: `invalid JSON (${(error as Error).message})`, salvaged: []};
	}

	if (!isObject(data) || !Array.isArray(data.entries)) {
		return {kind: 'corrupt', text, reason: `not a queue: expected {"version": ${plainFormatVersion}, "entries": [...]}`, salvaged: []};
	}

	if (typeof data.version === 'number' && data.version > queueFormatVersion) {
		throw new QueueReadError(
			`the offline queue ${file} was written by a newer remote-sync-tui (format ${data.version}): upgrade remote-sync-tui to use it`,
			file,
		);
	}

	const entries = data.entries.filter(isQueueEntry).map(pick);
	if (data.version !== queueFormatVersion && data.version !== plainFormatVersion) {
		return {kind: 'corrupt', text, reason: `unknown format version ${JSON.stringify(data.version)}`, salvaged: entries};
	}

	const dropped = data.entries.length - entries.length;
	if (dropped > 0) {
		return {kind: 'corrupt', text, reason: `${dropped} malformed ${dropped === 1 ? 'entry' : 'entries'}`, salvaged: entries};
	}

	return {kind: 'ok', text, entries};
}

/** What stands at `file` when it is not a regular file: a FIFO would block a read forever. */
function kindOf(info: {isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean}): string {
	return info.isDirectory() ? 'a directory' : info.isFIFO() ? 'a named pipe (FIFO)' : info.isSocket() ? 'a socket' : 'a device or other special file';
}

/**
 * Read `file` only if it is a regular file (or a symlink to one). It is opened non-blocking
 * and checked on the open descriptor, so a FIFO or a device answers at once instead of
 * hanging the read, and nothing can swap the file between the check and the read.
 */
export async function readRegularFile(file: string, what: string): Promise<string | undefined> {
	let handle: Awaited<ReturnType<typeof open>>;
	try {
		handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
	} catch (error) {
		const code = errnoCode(error);
		// ENOTDIR: something that is not a directory stands where ours would be: no file yet.
		if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
		throw new QueueReadError(`cannot read ${what} ${file} (${describeErrno(error)}): make it a readable file, or move it away`, file, code);
	}

	try {
		const info = await handle.stat();
		if (!info.isFile()) {
			throw new QueueReadError(`${what} ${file} is ${kindOf(info)}, not a regular file: move it away (remote-sync then starts a new one)`, file, 'ENOTFILE');
		}

		return await handle.readFile('utf8');
	} catch (error) {
		if (error instanceof QueueReadError) throw error;
		throw new QueueReadError(`cannot read ${what} ${file} (${describeErrno(error)}): make it a readable file, or move it away`, file, errnoCode(error));
	} finally {
		await handle.close().catch(() => undefined);
	}
}

export async function readQueueFile(file: string): Promise<QueueFileState> {
	const text = await readRegularFile(file, 'the offline queue');
	return text === undefined ? {kind: 'missing'} : parseQueueText(file, text);
}

export function serializeQueue(entries: readonly QueueEntry[]): string {
	const version = entries.some(entry => entry.remoteBranch !== undefined) ? queueFormatVersion : plainFormatVersion;
	return `${JSON.stringify({version, entries}, null, 2)}\n`;
}

const exists = async (file: string) =>
	stat(file).then(
		() => true,
		() => false,
	);

/** A name next to `file` that nothing uses yet: `<file><suffix>`, then `<file><suffix>-2`... */
export async function freeName(file: string, suffix: string): Promise<string> {
	const base = `${file}${suffix}`;
	let candidate = base;
	for (let n = 2; await exists(candidate); n++) candidate = `${base}-${n}`;
	return candidate;
}

/** Rename `file` out of the way (never delete it) and return where it went. */
export async function setAside(file: string, suffix: string): Promise<string> {
	const target = await freeName(file, suffix);
	await rename(file, target);
	return target;
}

/** A timestamp safe in file names on every system (no colons). */
export function fileStamp(at: Date): string {
	return at.toISOString().replace(/[:.]/g, '-');
}
