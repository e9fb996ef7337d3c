import {readdir, unlink} from 'node:fs/promises';
import path from 'node:path';
import {writeFileAtomically} from '../atomic-write.js';
import {shownText} from '../text/shown-text.js';
import type {QueueEntry} from '../model.js';
import {coalesce, sameKey, sortByQueuedAt, type QueueKey} from './coalesce.js';
import {QueueWriteError, toQueueWriteError} from './errors.js';
import {findLegacyQueue, importLegacyQueue, type LegacyImportReport} from './legacy-import.js';
import {legacyQueueName} from './legacy.js';
import {locateQueue, type QueueLocation} from './location.js';
import {defaultLockTiming, type LockTiming} from './lock-timing.js';
import {fileStamp, readQueueFile, serializeQueue, setAside} from './queue-file.js';
import {contains} from './queued-sha.js';

export type QueueStoreOptions = Partial<LockTiming> & {
	/** The clock; tests pin it. */
	now?: () => Date;
	/** Where the queue is, when the caller already asked git (the start-up reads). */
	location?: QueueLocation;
};

export type EnqueueItem = {
	remote: string;
	branch: string;
	/** The branch's name on the remote, when branch_map renames it. */
	remoteBranch?: string;
	sha: string;
	/** git's error; inert and redacted (shownText) before it is stored. */
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
	/** The entries as read when the store was opened: the dashboard shows them from its first frame. */
	openedWith: QueueEntry[] = [];

	private constructor(
		readonly path: string,
		private readonly cwd: string,
		/** Where the old tool's queue would be; undefined in a bare repository. */
		readonly legacyPath: string | undefined,
		private readonly timing: LockTiming,
		private readonly now: () => Date,
	) {}

	/** The queue of the repository around `cwd`. An old tool's queue is only reported, never imported here. */
	static async open(cwd: string, options: QueueStoreOptions = {}): Promise<QueueStore> {
		const {now = () => new Date(), location = await locateQueue(cwd), ...timing} = options;
		const legacy = location.workTreeRoot ? path.join(location.workTreeRoot, legacyQueueName) : undefined;
		const store = new QueueStore(location.file, cwd, legacy, {...defaultLockTiming, ...timing}, now);
		if (legacy && (await findLegacyQueue(legacy))) {
			store.warnings.push(
				`found the old tool's queue ${legacy}: not imported, because anyone who can commit to the repository can put one there; ` +
					'review it, then run remote-sync --import-legacy-queue to import it (or delete the file)',
			);
		}

		// A corrupt file is set aside now, so its warning is there before any command runs.
		store.openedWith = await store.list();
		return store;
	}

	/**
	 * Import the old tool's queue (`--import-legacy-queue`): undefined when there is none.
	 * Its entries are delivered like ours, so only to branches their remote takes.
	 */
	async importLegacy(): Promise<LegacyImportReport | undefined> {
		if (!this.legacyPath) return undefined;
		return importLegacyQueue({
			cwd: this.cwd,
			legacy: this.legacyPath,
			now: this.now(),
			transact: this.transact.bind(this),
			warn: warning => this.warnings.push(warning),
		});
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

	/**
	 * Record a failed push; an entry for the same (remote, branch) absorbs it. Of the two
	 * shas the one that contains the other is kept, whichever failed last: delivering it
	 * delivers both. Unrelated shas (the branch was rewritten): the newest failure wins.
	 */
	async enqueue(item: EnqueueItem): Promise<QueueEntry> {
		const at = (item.at ?? this.now()).toISOString();
		const incoming: QueueEntry = {
			remote: item.remote,
			branch: item.branch,
			...(item.remoteBranch === undefined || item.remoteBranch === item.branch ? {} : {remoteBranch: item.remoteBranch}),
			sha: item.sha,
			attempts: item.attempts ?? 1,
			lastError: shownText(item.error),
			queuedAt: at,
			lastAttemptAt: at,
		};
		let stored = incoming;
		await this.transact(async entries => {
			const existing = entries.find(entry => sameKey(entry, incoming));
			const sha = existing && existing.sha !== incoming.sha ? await this.containingSha(existing.sha, incoming.sha) : undefined;
			const result = coalesce(entries, incoming, sha);
			stored = result.entry;
			return result.entries;
		});
		return stored;
	}

	/**
	 * After `sha` reached `key`'s remote branch: remove that ref's entry, under the lock, only
	 * if what it holds was delivered (the same sha, or one in the history of the pushed sha).
	 * A different sha queued meanwhile, by this process or another, stays.
	 */
	async removeDelivered(key: QueueKey, sha: string): Promise<number> {
		let removed = 0;
		await this.transact(async entries => {
			const kept: QueueEntry[] = [];
			for (const entry of entries) {
				const delivered = sameKey(entry, key) && (entry.sha === sha || (await contains(this.cwd, sha, entry.sha)));
				if (delivered) removed++;
				else kept.push(entry);
			}

			return kept;
		});
		return removed;
	}

	/** Update the entry of `key`, if there still is one (another process may have delivered it). */
	async touch(key: QueueKey, change: (entry: QueueEntry) => QueueEntry): Promise<void> {
		await this.update(entries => entries.map(entry => (sameKey(entry, key) ? change(entry) : entry)));
	}

	private async containingSha(stored: string, incoming: string): Promise<string | undefined> {
		if (await contains(this.cwd, incoming, stored)) return incoming;
		if (await contains(this.cwd, stored, incoming)) return stored;
		return undefined;
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
		const {withQueueLock} = await import('./lock.js');
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
			await writeFileAtomically(this.path, text, {fsync: true});
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
