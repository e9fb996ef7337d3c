/**
 * The old Python tool kept its queue in `.remote-sync-queue.json` at the work tree root.
 * Its exact format is not documented, so we read it liberally: a bare array, or an object
 * holding the array under `queue`, `entries`, `items` or `pending`, of objects using any of
 * the key spellings below. Entries without a remote and a branch cannot be retried: skipped.
 */
export const legacyQueueName = '.remote-sync-queue.json';

export type LegacyItem = {
	remote: string;
	branch: string;
	/** Missing in some old entries: the importer then uses the branch's tip. */
	sha?: string;
	attempts: number;
	error: string;
	at: Date;
};

const keys = {
	remote: ['remote', 'remote_name', 'remoteName'],
	branch: ['branch', 'branch_name', 'branchName', 'ref'],
	sha: ['sha', 'commit', 'commit_sha', 'hash', 'local_sha'],
	attempts: ['attempts', 'retry_count', 'retries', 'attempt_count'],
	error: ['error', 'last_error', 'lastError', 'message'],
	time: ['timestamp', 'queued_at', 'queuedAt', 'created_at', 'time'],
};

type Fields = Record<string, unknown>;
const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

function firstText(item: Fields, names: string[]): string | undefined {
	for (const name of names) {
		const value = item[name];
		if (typeof value === 'string' && value.trim().length > 0) return value.trim();
	}

	return undefined;
}

function firstNumber(item: Fields, names: string[]): number | undefined {
	for (const name of names) {
		const value = item[name];
		const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
		if (Number.isFinite(number)) return number;
	}

	return undefined;
}

/** ISO text, or epoch seconds (milliseconds when the number is that large), as text or number. */
function firstTime(item: Fields, names: string[]): Date | undefined {
	for (const name of names) {
		const value = item[name];
		const numeric = typeof value === 'number' ? value : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : undefined;
		const date = numeric === undefined ? (typeof value === 'string' ? new Date(value) : undefined) : new Date(numeric > 1e11 ? numeric : numeric * 1000);
		if (date && !Number.isNaN(date.getTime())) return date;
	}

	return undefined;
}

function itemsOf(data: unknown): unknown[] | undefined {
	if (Array.isArray(data)) return data;
	if (!isObject(data)) return undefined;
	for (const name of ['queue', 'entries', 'items', 'pending']) {
		const value = data[name];
		if (Array.isArray(value)) return value;
	}

	return undefined;
}

/** The entries of an old queue file, or undefined when the data is no queue we recognise. */
export function parseLegacyQueue(data: unknown, now: Date): {items: LegacyItem[]; skipped: number} | undefined {
	const raw = itemsOf(data);
	if (!raw) return undefined;
	const items: LegacyItem[] = [];
	for (const item of raw) {
		const remote = isObject(item) ? firstText(item, keys.remote) : undefined;
		const branch = isObject(item) ? firstText(item, keys.branch)?.replace(/^refs\/heads\//, '') : undefined;
		if (!isObject(item) || !remote || !branch) continue;
		const attempts = firstNumber(item, keys.attempts);
		items.push({
			remote,
			branch,
			sha: firstText(item, keys.sha),
			attempts: attempts !== undefined && attempts >= 0 ? Math.floor(attempts) : 1,
			error: firstText(item, keys.error) ?? 'queued by the old remote-sync tool',
			at: firstTime(item, keys.time) ?? now,
		});
	}

	return {items, skipped: raw.length - items.length};
}
