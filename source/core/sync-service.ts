import type {ResolvedConfig, ResolvedRemote} from './config/schema.js';
import type {SyncEvent} from './events.js';
import {killAllGitProcesses} from './git/runner.js';
import {redactUrl} from './git/redact.js';
import type {HealthResult, OperationReport, QueueEntry, StatusReport} from './model.js';
import {findLegacyQueue, type LegacyImportReport} from './queue/legacy-import.js';
import type {QueueStore} from './queue/queue-store.js';
import type {PendingConfirmation, RemoteRow, SyncServiceApi, SyncSnapshot} from './snapshot.js';
import {remotesNamed, type ServiceContext} from './service/context.js';
import {EventBus} from './service/event-bus.js';
import {fetchRemotes} from './service/fetch-operation.js';
import {checkHealth} from './service/health-operation.js';
import {pushBranches, type PushOutcome} from './service/push-operation.js';
import {publishQueue} from './service/queue-bridge.js';
import {retryQueue, type QueueFilter} from './service/queue-operation.js';
import {LiveStatus} from './service/live.js';
import {currentBranch, listLocalBranches, type RepoInfo} from './service/repo-info.js';
import {SnapshotStore} from './service/snapshot-store.js';
import {computeSyncStatus, readLocalStatus} from './service/status-operation.js';
import type {RefSnapshot} from './status/refs.js';
import type {RemoteLayout} from './status/refspecs.js';
import {VpnManager} from './vpn/vpn-manager.js';

export type SyncServiceOptions = {
	cwd: string;
	config: ResolvedConfig;
	repo: RepoInfo;
	/** The branch shown and pushed by default. */
	branch: string;
	localBranches: string[];
	queue?: QueueStore;
	trust: {isTrusted(vpn: NonNullable<ResolvedRemote['vpn']>): boolean};
	/** The refs start-up read (service/repository-reads.ts), for readStartupState(). */
	startupRefs?: RefSnapshot;
	/** The remotes' fetch refspecs start-up read with them: used exactly when startupRefs are. */
	startupLayout?: RemoteLayout;
};

export type PushRequestOptions = {
	remotes?: string[];
	allRemotes?: boolean;
	force?: boolean;
	branches?: string[];
	/**
	 * Re-read every row's status once the pushes end (default): the dashboard and the event
	 * stream show where each remote now stands. A headless push that streams no events has
	 * nobody to show it to, and its answer need not wait for those git processes.
	 */
	statusAfter?: boolean;
	/**
	 * The refs the caller read moments ago, nothing run since (a headless push: start-up's
	 * reads), so the first push need not wait for another for-each-ref. Never refs read before
	 * a fetch or push, nor ones a person may have committed past since (the dashboard).
	 */
	knownRefs?: RefSnapshot;
};

/**
 * The engine. Owns the state (an immutable snapshot for the dashboard), runs every
 * operation through core modules, and emits typed events for logs and headless reporters.
 * It never writes to the terminal.
 */
export class SyncService implements SyncServiceApi {
	private readonly store: SnapshotStore;
	private readonly bus = new EventBus();
	private readonly abort = new AbortController();
	private readonly context: ServiceContext;
	private readonly vpn: VpnManager;
	private readonly live: LiveStatus;
	private dryRun: boolean;
	private branch: string;
	/** The branch HEAD was on when last read: while the shown branch is HEAD's, it follows a checkout made elsewhere. */
	private headBranch: string | undefined;
	private operationCounter = 0;
	private disposed?: Promise<void>;
	private readonly inflight = new Set<Promise<unknown>>();

	constructor(private readonly options: SyncServiceOptions) {
		this.dryRun = options.config.settings.dryRun;
		this.branch = options.branch;
		this.headBranch = options.repo.currentBranch;
		this.store = new SnapshotStore(initialSnapshot(options));
		this.vpn = new VpnManager({
			trust: options.trust,
			dryRun: this.dryRun,
			onState: state => {
				this.bus.emit({type: 'vpn', state});
				this.store.update(snapshot => ({
					...snapshot,
					vpns: [...snapshot.vpns.filter(vpn => vpn.name !== state.name), state],
					remotes: snapshot.remotes.map(row => (row.vpn?.name === state.name ? {...row, vpn: state} : row)),
				}));
			},
		});
		this.context = {
			cwd: options.cwd,
			config: options.config,
			store: this.store,
			bus: this.bus,
			vpn: this.vpn,
			queue: options.queue,
			signal: this.abort.signal,
			nextId: () => `op-${++this.operationCounter}`,
			dryRun: () => this.dryRun,
			fetchFailures: new Map(),
		};
		this.live = new LiveStatus(this.context, {readLocal: async () => this.readLocal(), remotes: () => this.options.config.remotes});
		for (const warning of [...options.config.warnings, ...(options.queue?.warnings ?? [])]) this.store.log({level: 'warn', text: warning});
	}

	readonly subscribe = (listener: () => void): (() => void) => this.store.subscribe(listener);
	readonly getSnapshot = (): SyncSnapshot => this.store.getSnapshot();

	/** The event stream (log pane, headless reporters). */
	on(listener: (event: SyncEvent) => void): () => void {
		return this.bus.on(listener);
	}

	get currentBranch(): string {
		return this.branch;
	}

	async loadQueue(): Promise<QueueEntry[]> {
		const entries = this.context.queue ? await this.context.queue.list() : [];
		publishQueue(this.context, entries);
		return entries;
	}

	/**
	 * `knownRefs`: the refs the caller read moments ago with nothing run since (a headless
	 * status: start-up's reads); used only when no fetch comes first, so the status costs no
	 * second for-each-ref. The git dirs are start-up's always: they do not change.
	 */
	async status(options: {fetch?: boolean; remotes?: readonly string[]; branch?: string; knownRefs?: RefSnapshot} = {}): Promise<StatusReport> {
		const fetch = options.fetch ?? this.options.config.settings.autoFetch;
		const {gitDir, commonDir} = this.options.repo;
		return computeSyncStatus(this.context, {
			branch: options.branch ?? this.branch,
			remotes: remotesNamed(this.context, options.remotes),
			fetch,
			known: {
				refs: fetch ? undefined : options.knownRefs,
				layout: fetch || !options.knownRefs ? undefined : this.options.startupLayout,
				gitDirs: gitDir && commonDir ? {gitDir, commonDir} : undefined,
			},
		});
	}

	async refreshStatus(options: {fetch?: boolean} = {}): Promise<void> {
		if (options.fetch === false) await this.live.read();
		else await this.live.refresh({userAsked: false});
	}

	/**
	 * The dashboard is open: show the state from the refs at once, fetch in the background
	 * (each row as its remote answers), watch the repository. Returns the stop function.
	 */
	startLive(): () => void {
		const {gitDir, commonDir} = this.options.repo;
		this.live.start(gitDir && commonDir ? {gitDir, commonDir} : undefined);
		return () => this.live.stop();
	}

	/**
	 * Every row's state from the tracking refs, for the dashboard's first frame (SPEC §5): from
	 * what start-up read (HEAD, branches, refs, git dirs), so only the refspecs and the commit
	 * graph cost git processes. Call it before anything else runs: those reads are fresh only then.
	 */
	readStartupState(): Promise<void> {
		const {repo, startupRefs, startupLayout} = this.options;
		const gitDirs = repo.gitDir && repo.commonDir ? {gitDir: repo.gitDir, commonDir: repo.commonDir} : undefined;
		return this.live.read(async () => {
			await readLocalStatus(this.context, {branch: this.branch, remotes: this.options.config.remotes, known: {refs: startupRefs, layout: startupRefs && startupLayout, gitDirs}});
		});
	}

	refreshNow(): Promise<void> {
		return this.live.refresh({userAsked: true});
	}

	/** HEAD, local branches and every row, from what is on disk now (no network). */
	private async readLocal(): Promise<void> {
		const [head, branches] = await Promise.all([currentBranch(this.options.cwd), listLocalBranches(this.options.cwd)]);
		// A checkout made elsewhere moves the dashboard along, unless the user chose another branch here.
		if (head !== undefined && head !== this.headBranch && this.branch === this.headBranch) this.branch = head;
		this.headBranch = head;
		this.store.update(snapshot => ({...snapshot, repo: {...snapshot.repo, branch: this.branch, branches}}));
		await readLocalStatus(this.context, {branch: this.branch, remotes: this.options.config.remotes});
	}

	push(options: PushRequestOptions): Promise<PushOutcome> {
		return this.track(this.runPush(options));
	}

	private async runPush(options: PushRequestOptions): Promise<PushOutcome> {
		const remotes = options.allRemotes ? this.options.config.remotes : remotesNamed(this.context, options.remotes);
		const outcome = await pushBranches(this.context, {remotes, branches: options.branches ?? [this.branch], force: options.force ?? false, knownRefs: options.knownRefs});
		if (options.statusAfter !== false) await this.status({fetch: false}).catch(() => undefined);
		return outcome;
	}

	confirmForcePush(confirmation: PendingConfirmation): Promise<OperationReport> {
		return this.track(this.runConfirmedForcePush(confirmation));
	}

	private async runConfirmedForcePush(confirmation: PendingConfirmation): Promise<OperationReport> {
		const remotes = remotesNamed(this.context, [confirmation.remote]);
		const outcome = await pushBranches(this.context, {remotes, branches: [confirmation.branch], force: true, confirmed: confirmation});
		await this.status({fetch: false}).catch(() => undefined);
		return outcome;
	}

	fetch(options: {remotes?: string[]}): Promise<OperationReport> {
		return this.track(this.runFetch(options));
	}

	private async runFetch(options: {remotes?: string[]}): Promise<OperationReport> {
		const remotes = remotesNamed(this.context, options.remotes);
		const {report} = await fetchRemotes(this.context, remotes, {onOutcome: () => void this.live.read()});
		await this.live.read();
		await this.retryQueuedFor(report.results.filter(result => result.status === 'up-to-date').map(result => result.remote));
		return report;
	}

	healthCheck(options: {remotes?: string[]}): Promise<HealthResult[]> {
		return this.track(this.runHealthCheck(options));
	}

	private async runHealthCheck(options: {remotes?: string[]}): Promise<HealthResult[]> {
		const results = await checkHealth(this.context, remotesNamed(this.context, options.remotes));
		await this.retryQueuedFor(results.filter(result => result.reachable).map(result => result.name));
		return results;
	}

	processQueue(filter: QueueFilter = {}): Promise<OperationReport> {
		return this.track(this.runProcessQueue(filter));
	}

	private async runProcessQueue(filter: QueueFilter): Promise<OperationReport> {
		const report = await retryQueue(this.context, filter);
		await this.status({fetch: false}).catch(() => undefined);
		return report;
	}

	async clearQueue(filter: QueueFilter = {}): Promise<number> {
		if (!this.context.queue || this.dryRun) return 0;
		const removed = await this.context.queue.clear({remotes: filter.remotes ? [...filter.remotes] : undefined, branch: filter.branch});
		await this.loadQueue();
		return removed;
	}

	/**
	 * `--import-legacy-queue`: bring the old tool's queue file in, now that the user asked.
	 * Dry-run only says whether there is one. `messages` say what happened, for a person.
	 */
	async importLegacyQueue(): Promise<{path?: string; report?: LegacyImportReport; messages: string[]}> {
		const queue = this.context.queue;
		const path = queue?.legacyPath;
		if (!queue || !path) return {messages: ['no old queue to import: this repository has no work tree']};
		if (!(await findLegacyQueue(path))) return {path, messages: [`no old queue to import: ${path} does not exist`]};
		if (this.dryRun) return {path, messages: [`would import the old tool's queue ${path}; run without --dry-run to import it`]};
		const before = queue.warnings.length;
		const report = await queue.importLegacy();
		const messages = queue.warnings.slice(before);
		for (const text of messages) this.store.log({level: 'info', text});
		await this.loadQueue();
		return {path, report, messages};
	}

	/** VPN commands dry-run would have run, for the report. */
	plannedVpnCommands(): string[] {
		return this.vpn.plannedCommands();
	}

	setDryRun(dryRun: boolean): void {
		this.dryRun = dryRun;
		this.vpn.setDryRun?.(dryRun);
		this.store.update(snapshot => ({...snapshot, dryRun}));
	}

	async setBranch(branch: string): Promise<void> {
		this.branch = branch;
		this.store.update(snapshot => ({...snapshot, repo: {...snapshot.repo, branch}}));
		await this.live.read();
	}

	dispose(): Promise<void> {
		this.disposed ??= (async () => {
			this.live.stop();
			this.abort.abort();
			killAllGitProcesses();
			// Work in flight ends quickly now (git killed, VPN connects aborted). Let it finish its
			// queue writes: exiting in the middle of one would leave the queue locked.
			await Promise.all([this.vpn.disconnectAll(), settleWithin([...this.inflight], disposeWaitMs)]);
			killAllGitProcesses();
			await this.vpn.disconnectAll();
		})();
		return this.disposed;
	}

	/** Remembers an operation until it settles, so dispose() can wait for it. */
	private track<T>(work: Promise<T>): Promise<T> {
		this.inflight.add(work);
		const forget = () => this.inflight.delete(work);
		work.then(forget, forget);
		return work;
	}

	/** Remotes that became reachable get their queued pushes delivered (SPEC §4). */
	private async retryQueuedFor(reachable: string[]): Promise<void> {
		if (!this.context.queue || this.dryRun || reachable.length === 0) return;
		const queued = (await this.context.queue.list()).filter(entry => reachable.includes(entry.remote));
		if (queued.length === 0) return;
		const remotes = [...new Set(queued.map(entry => entry.remote))];
		this.store.log({level: 'info', text: `retrying ${queued.length} queued push(es) to ${remotes.join(', ')}: reachable again`});
		this.bus.emit({type: 'warning', message: `retrying ${queued.length} queued push(es) to ${remotes.join(', ')}: reachable again`});
		await retryQueue(this.context, {remotes});
	}
}

// Long enough for a queue write behind a busy lock; short beside the signal handler's deadline.
const disposeWaitMs = 5000;

/** Resolves when every promise has settled, or after `ms`, whichever comes first. */
async function settleWithin(work: ReadonlyArray<Promise<unknown>>, ms: number): Promise<void> {
	if (work.length === 0) return;
	let timer: NodeJS.Timeout | undefined;
	const deadline = new Promise<void>(resolve => {
		timer = setTimeout(resolve, ms);
	});
	await Promise.race([Promise.allSettled(work), deadline]);
	clearTimeout(timer);
}

/** What the dashboard shows before anything ran, the queue as read at start included. */
function initialSnapshot(options: SyncServiceOptions): SyncSnapshot {
	const queue = options.queue?.openedWith ?? [];
	const remotes: RemoteRow[] = options.config.remotes.map(remote => ({
		name: remote.name,
		url: redactUrl(remote.url),
		priority: remote.priority,
		group: remote.group,
		forcePush: remote.forcePush,
		tags: remote.tags,
		branches: remote.branches,
		...(remote.branchMap === undefined ? {} : {branchMap: [...remote.branchMap]}),
		...(remote.untrusted === undefined ? {} : {untrusted: remote.untrusted}),
		vpn: remote.vpn ? {name: remote.vpn.name, state: 'down'} : undefined,
		queued: queue.filter(entry => entry.remote === remote.name).length,
	}));
	return {
		repo: {root: options.repo.root, name: options.repo.name, branch: options.branch, branches: options.localBranches},
		dryRun: options.config.settings.dryRun,
		remotes,
		divergence: [],
		vpns: [],
		queue,
		running: 0,
		writing: 0,
		refreshing: false,
		log: [],
	};
}

export type {PendingConfirmation};
