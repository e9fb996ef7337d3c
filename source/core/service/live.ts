import type {ResolvedRemote} from '../config/schema.js';
import type {ErrorClass} from '../model.js';
import type {RemoteRow, SyncSnapshot} from '../snapshot.js';
import {watchRepository, type RepoWatcher, type WatchedDirs} from '../watch/repo-watcher.js';
import type {ServiceContext} from './context.js';
import {fetchRemotes} from './fetch-operation.js';

/**
 * The dashboard's live state (SPEC §5 "Live"): state first, network second.
 * - `read()` recomputes every row from the refs as they are (a few local git processes, no
 *   network). Calls while one runs coalesce into one more, so a burst costs two reads at most.
 * - `refresh()` fetches the remotes a few at a time; each remote's row updates as soon as its
 *   own fetch ends (a read per outcome), never after the slowest one.
 * - `start()` watches the repository (a change → `read()`) and refreshes every
 *   `refresh_interval` seconds, measured from the end of the previous refresh.
 */

// Hammering bad credentials locks accounts; an unknown host key needs a person (SPEC §3).
const askFirst: ReadonlySet<ErrorClass | 'host-key'> = new Set(['auth-failed', 'host-key']);
// Background fetches share the machine (and the user's bandwidth) with whatever they are doing.
const backgroundFetchesAtOnce = 2;

export type LiveHooks = {
	/** Re-read local state (HEAD, branches, status) without network. */
	readLocal(): Promise<void>;
	/** The remotes a refresh may fetch (the selected ones). */
	remotes(): readonly ResolvedRemote[];
};

export class LiveStatus {
	private reading?: Promise<void>;
	private readAgain = false;
	private refreshing?: Promise<void>;
	private watcher?: RepoWatcher;
	private timer?: NodeJS.Timeout;
	private started = false;
	private stopped = false;

	constructor(
		private readonly context: ServiceContext,
		private readonly hooks: LiveHooks,
	) {}

	/**
	 * Local state now; resolves once a read that started after this call has finished.
	 * `first` replaces the first pass when nothing is reading (the start-up state, from what
	 * start-up read); while a read runs it is ignored and a full read follows instead.
	 */
	read(first?: () => Promise<void>): Promise<void> {
		if (this.reading) {
			this.readAgain = true;
			return this.reading;
		}

		const full = async () => this.hooks.readLocal();
		let pass = first ?? full;
		this.reading = (async () => {
			try {
				do {
					this.readAgain = false;
					if (this.context.signal.aborted) return;
					const reader = pass;
					pass = full;
					await reader().catch((error: unknown) => {
						if (!this.context.signal.aborted) this.context.store.log({level: 'error', text: `status: ${error instanceof Error ? error.message : String(error)}`});
					});
				} while (this.readAgain);
			} finally {
				this.reading = undefined;
			}
		})();
		return this.reading;
	}

	/**
	 * Fetch the remotes that may be fetched now (see `mayFetch`), then read. `userAsked` (`R`)
	 * also fetches those whose credentials or host key failed. A refresh asked for while one
	 * runs joins it.
	 */
	refresh(options: {userAsked: boolean}): Promise<void> {
		this.refreshing ??= (async () => {
			this.context.store.update(snapshot => ({...snapshot, refreshing: true}));
			try {
				await this.read();
				if (!this.context.config.settings.autoFetch || this.context.dryRun()) return;
				const snapshot = this.context.store.getSnapshot();
				const targets = this.hooks.remotes().filter(remote => mayFetch(snapshot, remote, options.userAsked));
				await fetchRemotes(this.context, targets, {limit: backgroundFetchesAtOnce, onOutcome: () => void this.read()});
				await this.read();
			} finally {
				this.refreshing = undefined;
				this.context.store.update(snapshot => ({...snapshot, refreshing: false, refreshedAt: Date.now()}));
				this.schedule();
			}
		})();
		return this.refreshing;
	}

	/** Watch the repository and refresh on the interval; the first refresh starts now. */
	start(dirs: WatchedDirs | undefined): void {
		if (this.stopped || this.started) return;
		this.started = true;
		if (dirs) {
			this.watcher = watchRepository(dirs, {
				onChange: () => void this.read(),
				onError: message => {
					this.context.store.log({level: 'warn', text: message});
					this.context.store.update(snapshot => ({...snapshot, watchError: message}));
				},
			});
		}

		void this.refresh({userAsked: false});
	}

	stop(): void {
		this.stopped = true;
		this.watcher?.close();
		clearTimeout(this.timer);
	}

	private schedule(): void {
		clearTimeout(this.timer);
		const seconds = this.context.config.settings.refreshIntervalSeconds;
		if (this.stopped || !this.started || seconds <= 0) return;
		this.timer = setTimeout(() => void this.refresh({userAsked: false}), seconds * 1000);
		this.timer.unref?.();
	}
}

/** Never the remote being worked on, never one whose credentials failed (unless asked), never one whose VPN we would have to connect. */
export function mayFetch(snapshot: SyncSnapshot, remote: ResolvedRemote, userAsked: boolean): boolean {
	const row = snapshot.remotes.find(candidate => candidate.name === remote.name);
	if (row?.activity) return false;
	const failure = row ? lastFailureClass(row) : undefined;
	if (!userAsked && failure !== undefined && askFirst.has(failure)) return false;
	if (remote.vpn) {
		const state = snapshot.vpns.find(vpn => vpn.name === remote.vpn!.name)?.state;
		return state === 'up' || state === 'up-ours';
	}

	return true;
}

/** The class of the newest thing that happened to the remote (an operation's result or a health probe), if it failed. */
function lastFailureClass(row: RemoteRow): ErrorClass | 'host-key' | undefined {
	const result = row.lastResult;
	const health = row.health;
	if (health && !health.reachable && (result === undefined || (row.healthAt ?? 0) > result.finishedAt)) return health.class as ErrorClass | 'host-key';
	return result?.errorClass;
}
