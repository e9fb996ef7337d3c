import {readdir, unlink} from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import {redact} from '../git/redact.js';
import type {QueueEntry} from '../model.js';
import {coalesce, sameKey, sortByQueuedAt, type QueueKey} from './coalesce.js';
import {QueueWriteError, toQueueWriteError} from './errors.js';
import {importLegacyQueue, type LegacyImportReport} from './legacy-import.js';
import {legacyQueueName} from './legacy.js';
import {locateQueue, type QueueLocation} from './location.js';
import {defaultLockTiming, withQueueLock, type LockTiming} from './lock.js';
import {fileStamp, readQueueFile, serializeQueue, setAside} from './queue-file.js';

export type QueueStoreOptions = Partial<LockTiming> & {
	/** The clock; tests pin it. */
	now?: () => Date;
	/** Where the queue is, when the caller already asked git (the start-up reads). */
	location?: QueueLocation;
};

export type EnqueueItem = {
	remote: string;
	branch: string;
	sha: string;
	/** git's error; credentials are redacted before it is stored. */
	error: string;
	at?: Date;
	/** Failed tries this enqueue stands for (a push retried 3 times made 4); default 1. */
	attempts?: number;
};

export type ClearFilter = {
	/** Undefined or empty: every remote. */
	remotes?: readonly string[];
	branch?: string;
};

/**
 * The offline queue of one repository (SPEC §4): `<git-common-dir>/remote-sync/queue.json`.
 * Reads need no lock (writes replace the file atomically by rename, so a reader sees the old
 * or the new file, never half of one); every change is a read-modify-write under the
 * cross-process lock, so concurrent processes never lose each other's entries.
 */
export class QueueStore {
	readonly warnings: string[] = [];
	private imported?: LegacyImportReport;

	private constructor(
		readonly path: string,
		private readonly timing: LockTiming,
		private readonly now: () => Date,
	) {}

	/** The queue of the repository around `cwd`, with an old tool's queue imported once. */
	static async open(cwd: string, options: QueueStoreOptions = {}): Promise<QueueStore> {
		const {now = () => new Date(), location = await locateQueue(cwd), ...timing} = options;
		const store = new QueueStore(location.file, {...defaultLockTiming, ...timing}, now);
		if (location.workTreeRoot) {
			store.imported = await importLegacyQueue({
				cwd,
				legacy: path.join(location.workTreeRoot, legacyQueueName),
				now: store.now(),
				transact: store.transact.bind(store),
				warn: warning => store.warnings.push(warning),
			});
		}

		// A corrupt file is set aside now, so its warning is there before any command runs.
		await store.list();
		return store;
	}

	/** What `open` imported from the old tool's queue file, if there was one. */
	get legacyImport(): LegacyImportReport | undefined {
		return this.imported;
	}

	/** Entries, oldest first. */
	async list(): Promise<QueueEntry[]> {
		const state = await readQueueFile(this.path);
		if (state.kind === 'ok') return sortByQueuedAt(state.entries);
		if (state.kind === 'missing') return [];
		try {
			return await this.update(entries => entries);
		} catch (error) {
			if (!(error instanceof QueueWriteError)) throw error;
			this.warnings.push(`the offline queue ${this.path} is corrupt (${state.reason}) and could not be set aside: ${error.message}`);
			return sortByQueuedAt(state.salvaged);
		}
	}

	/** Record a failed push; an entry for the same (remote, branch) absorbs it. */
	async enqueue(item: EnqueueItem): Promise<QueueEntry> {
		const at = (item.at ?? this.now()).toISOString();
		const incoming: QueueEntry = {
			remote: item.remote,
			branch: item.branch,
			sha: item.sha,
			attempts: item.attempts ?? 1,
			lastError: redact(item.error),
			queuedAt: at,
			lastAttemptAt: at,
		};
		let stored = incoming;
		await this.update(entries => {
			const result = coalesce(entries, incoming);
			stored = result.entry;
			return result.entries;
		});
		return stored;
	}

	async remove(keys: readonly QueueKey[]): Promise<number> {
		let removed = 0;
		await this.update(entries => {
			const kept = entries.filter(entry => !keys.some(key => sameKey(key, entry)));
			removed = entries.length - kept.length;
			return kept;
		});
		return removed;
	}

	async clear(filter: ClearFilter = {}): Promise<number> {
		const remotes = filter.remotes && filter.remotes.length > 0 ? filter.remotes : undefined;
		const matches = (entry: QueueEntry) => (!remotes || remotes.includes(entry.remote)) && (filter.branch === undefined || entry.branch === filter.branch);
		let removed = 0;
		await this.update(entries => {
			const kept = entries.filter(entry => !matches(entry));
			removed = entries.length - kept.length;
			return kept;
		});
		return removed;
	}

	/** Locked read-modify-write. Returns the entries as stored, oldest first. */
	async update(mutator: (entries: QueueEntry[]) => QueueEntry[]): Promise<QueueEntry[]> {
		return this.transact(async entries => mutator(entries));
	}

	/**
	 * The one place the file changes. Skips the write when nothing changed, so a no-op leaves
	 * the file byte-for-byte as it was. `afterWrite` runs still under the lock.
	 */
	private async transact(mutate: (entries: QueueEntry[]) => Promise<QueueEntry[]>, afterWrite?: () => Promise<void>): Promise<QueueEntry[]> {
		return withQueueLock(this.path, this.timing, async () => {
			const state = await readQueueFile(this.path);
			const current = state.kind === 'ok' ? state.entries : state.kind === 'corrupt' ? state.salvaged : [];
			if (state.kind === 'corrupt') await this.setAsideCorrupt(state.reason, state.salvaged.length);
			const next = sortByQueuedAt(await mutate(current.map(entry => ({...entry}))));
			const text = serializeQueue(next);
			const unchanged = state.kind === 'ok' ? text === serializeQueue(sortByQueuedAt(current)) : next.length === 0;
			if (!unchanged) await this.write(text);
			await afterWrite?.();
			return next;
		});
	}

	private async write(text: string): Promise<void> {
		await this.removeOrphans();
		try {
			await writeFileAtomic(this.path, text, {fsync: true});
		} catch (error) {
			throw toQueueWriteError(error, this.path);
		}
	}

	private async setAsideCorrupt(reason: string, salvaged: number): Promise<void> {
		let aside: string;
		try {
			aside = await setAside(this.path, `.corrupt-${fileStamp(this.now())}`);
		} catch (error) {
			throw toQueueWriteError(error, this.path);
		}

		const kept = salvaged > 0 ? `; its ${salvaged} readable ${salvaged === 1 ? 'entry stays' : 'entries stay'} queued` : '';
		this.warnings.push(`the offline queue ${this.path} was corrupt (${reason}): it was kept aside as ${aside}${kept}`);
	}

	/**
	 * A writer killed between creating its temporary file and renaming it leaves
	 * `queue.json.<number>` behind. We hold the lock, so no live writer owns one now.
	 */
	private async removeOrphans(): Promise<void> {
		const dir = path.dirname(this.path);
		const base = path.basename(this.path);
		const names = await readdir(dir).catch(() => [] as string[]);
		for (const name of names) {
			if (name.startsWith(`${base}.`) && /^\d+$/.test(name.slice(base.length + 1))) await unlink(path.join(dir, name)).catch(() => undefined);
		}
	}
}
