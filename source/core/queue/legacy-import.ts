import {lstat} from 'node:fs/promises';
import {redact} from '../git/redact.js';
import type {QueueEntry} from '../model.js';
import {coalesce} from './coalesce.js';
import {toQueueWriteError} from './errors.js';
import {parseLegacyQueue} from './legacy.js';
import {fileStamp, isSha, readRegularFile, setAside} from './queue-file.js';
import {branchTip} from './queued-sha.js';

export type LegacyImportReport = {
	from: string;
	/** Where the old file went: `.imported` after an import, `.corrupt-<time>` if unreadable. */
	renamedTo?: string;
	imported: number;
	skipped: number;
};

type Transact = (mutate: (entries: QueueEntry[]) => Promise<QueueEntry[]>, afterWrite?: () => Promise<void>) => Promise<QueueEntry[]>;

/**
 * Whether something stands at the old tool's queue path (it is not read here). Anything
 * counts, so the user hears of it; importing one that is not a regular file is an error.
 */
export async function findLegacyQueue(legacy: string): Promise<boolean> {
	return lstat(legacy).then(
		() => true,
		() => false,
	);
}

/**
 * Import the old tool's queue, only when the user asks (`--import-legacy-queue`): the file
 * sits in the work tree, where anyone who can commit can put one. Its entries join ours
 * (coalesced like any failure), then the file is renamed, never deleted. Both happen under
 * the queue lock, so two processes cannot import it twice.
 */
export async function importLegacyQueue(options: {cwd: string; legacy: string; now: Date; transact: Transact; warn: (warning: string) => void}): Promise<LegacyImportReport | undefined> {
	const {cwd, legacy, now, warn} = options;
	if (!(await findLegacyQueue(legacy))) return undefined;

	let report: LegacyImportReport | undefined;
	const moveAside = async (suffix: string) => {
		try {
			return await setAside(legacy, suffix);
		} catch (error) {
			throw toQueueWriteError(error, legacy);
		}
	};

	await options.transact(
		async entries => {
			const text = await readRegularFile(legacy, "the old tool's queue");
			// Another process imported it while we waited for the lock.
			if (text === undefined) return entries;

			let parsed: ReturnType<typeof parseLegacyQueue>;
			try {
				parsed = parseLegacyQueue(JSON.parse(text), now);
			} catch {
				parsed = undefined;
			}

			if (!parsed) {
				const renamedTo = await moveAside(`.corrupt-${fileStamp(now)}`);
				report = {from: legacy, renamedTo, imported: 0, skipped: 0};
				warn(`the old tool's queue ${legacy} is not a queue we can read: nothing imported, it was kept aside as ${renamedTo}`);
				return entries;
			}

			let merged = entries;
			let imported = 0;
			let skipped = parsed.skipped;
			for (const item of parsed.items) {
				const sha = isSha(item.sha) ? item.sha : await branchTip(cwd, item.branch);
				if (!sha) {
					skipped++;
					continue;
				}

				const at = item.at.toISOString();
				const entry: QueueEntry = {remote: item.remote, branch: item.branch, sha, attempts: item.attempts, lastError: redact(item.error), queuedAt: at, lastAttemptAt: at};
				merged = coalesce(merged, entry).entries;
				imported++;
			}

			report = {from: legacy, imported, skipped};
			return merged;
		},
		async () => {
			if (!report || report.renamedTo) return;
			report.renamedTo = await moveAside('.imported');
			const skipped = report.skipped > 0 ? `, skipped ${report.skipped} without a remote, a branch or a commit` : '';
			warn(`imported ${report.imported} ${report.imported === 1 ? 'entry' : 'entries'} from the old tool's queue ${legacy}${skipped}; the file was renamed to ${report.renamedTo}`);
		},
	);
	return report;
}
