import type {ForcePushPolicy, TagPolicy} from './config/schema.js';
import type {
	DivergencePair,
	HealthResult,
	OperationKind,
	OperationReport,
	OperationResult,
	Progress,
	QueueEntry,
	RemoteBranchStatus,
	VpnState,
} from './model.js';

/**
 * What SyncService knows right now, as one immutable value. The dashboard reads it through
 * useSyncExternalStore (subscribe + getSnapshot); a new object is made on every change, so
 * reference equality tells React what changed.
 */

export type Activity = {
	id: string;
	kind: OperationKind;
	branch?: string;
	progress?: Progress;
	startedAt: number;
};

export type RemoteRow = {
	name: string;
	/** Redacted. */
	url?: string;
	priority: number;
	group?: string;
	forcePush: ForcePushPolicy;
	/** The remote's `tags` policy (the detail pane names it). */
	tags: TagPolicy;
	branches: readonly string[];
	/** `branch_map` (local → name on this remote); undefined when it maps nothing. */
	branchMap?: ReadonlyArray<readonly [string, string]>;
	/** Set when the remote is never contacted: its destination waits for `remote-sync trust` (the text says so). */
	untrusted?: string;
	/** Sync state of the selected branch on this remote. */
	status?: RemoteBranchStatus;
	health?: HealthResult;
	/** When `health` was measured (ms since epoch): the row shows the newer of health and lastResult. */
	healthAt?: number;
	vpn?: VpnState;
	/** Entries waiting in the offline queue for this remote. */
	queued: number;
	/** Set while an operation on this remote runs. */
	activity?: Activity;
	lastResult?: OperationResult & {kind: OperationKind; finishedAt: number};
};

export type LogEntry = {
	at: number;
	level: 'info' | 'warn' | 'error';
	text: string;
	durationMs?: number;
};

export type SyncSnapshot = {
	repo: {
		root: string;
		name: string;
		/** Branch the dashboard shows and pushes. */
		branch: string;
		localSha?: string;
		/** Local branches, for the branch picker. */
		branches: string[];
	};
	dryRun: boolean;
	remotes: RemoteRow[];
	divergence: DivergencePair[];
	vpns: VpnState[];
	queue: QueueEntry[];
	/** When status was last computed (ms since epoch); undefined before the first. */
	statusAt?: number;
	/** Operations running now. */
	running: number;
	/** Of those, the ones that write (pushes, queue deliveries): only these make quit ask. */
	writing: number;
	/** When the last refresh of every remote (background, start-up or `R`) ended; undefined before the first. */
	refreshedAt?: number;
	/** True while such a refresh runs. */
	refreshing: boolean;
	/** Set when the repository cannot be watched (no inotify watches left, ...): changes show on the next refresh only. */
	watchError?: string;
	/** Bounded history of what ran (newest last). */
	log: LogEntry[];
};

/** A forced push the user must confirm (force_push: warn), with what the remote would lose. */
export type PendingConfirmation = {
	remote: string;
	branch: string;
	/** The branch's name on the remote, when branch_map renames it: what the force replaces. */
	remoteBranch?: string;
	wouldLose: string[];
	/** The remote's sha the user was shown: a confirmed force push leases on it, nothing newer. */
	remoteSha?: string;
	/** The local sha that would replace it. */
	localSha?: string;
};

/**
 * What the dashboard may ask of the engine. Components call these through hooks; nothing
 * in source/ui imports core/git.
 */
export type SyncServiceApi = {
	subscribe(listener: () => void): () => void;
	getSnapshot(): SyncSnapshot;
	refreshStatus(options?: {fetch?: boolean}): Promise<void>;
	/** The dashboard opened: state from the refs at once, then background fetches and a watched repository. Returns stop. */
	startLive(): () => void;
	/** `R`: fetch every remote now, the way the background refresh does, but also those whose credentials failed. */
	refreshNow(): Promise<void>;
	/** Plans first; forced pushes under `warn` come back in `needsConfirmation` and are not pushed. */
	push(options: {remotes?: string[]; allRemotes?: boolean; force?: boolean}): Promise<OperationReport & {needsConfirmation: PendingConfirmation[]}>;
	/** Force-push what the user confirmed, leased on the sha they were shown. */
	confirmForcePush(confirmation: PendingConfirmation): Promise<OperationReport>;
	fetch(options: {remotes?: string[]}): Promise<OperationReport>;
	healthCheck(options: {remotes?: string[]}): Promise<HealthResult[]>;
	processQueue(): Promise<OperationReport>;
	setDryRun(dryRun: boolean): void;
	setBranch(branch: string): Promise<void>;
	/** Stop running work, kill children, disconnect VPNs we connected. Idempotent. */
	dispose(): Promise<void>;
};
