/**
 * The plain data the engine reports. Everything here is serialisable and immutable by
 * convention: the UI and the headless reporters render it, never change it.
 */

/** Where one branch stands on one remote (SPEC §3). */
export type SyncState = 'in-sync' | 'ahead' | 'behind' | 'diverged' | 'missing' | 'unknown' | 'filtered';

/** Why a network operation failed. One place (core/errors.ts) maps these to exit codes. */
export type ErrorClass =
	| 'unreachable'
	| 'auth-failed'
	/** The ssh host key is unknown or changed: never retried, queued or accepted for the user. */
	| 'host-key'
	| 'timeout'
	| 'rejected'
	| 'not-found'
	| 'hook-failed'
	| 'vpn-down'
	| 'interrupted'
	| 'other';

/** Reachability of a remote, separate from its sync state. */
/** `untrusted`: not probed at all, its destination comes only from an untrusted repo file. */
export type ReachClass = 'reachable' | 'unreachable' | 'auth-failed' | 'host-key' | 'timeout' | 'vpn-down' | 'not-found' | 'untrusted' | 'other';

/** A failure a user can act on: class, message with credentials redacted, and what to do next. */
export type GitFailure = {
	class: ErrorClass;
	message: string;
	/** Last lines of git's stderr, redacted. */
	detail?: string;
	hint?: string;
};

/** A remote's tags as of our last fetch of it (SPEC §3): what its `tags` policy would send that it lacks, and which it has elsewhere. */
export type TagStatus = {missing: number; differ: string[]};

export type RemoteBranchStatus = {
	remote: string;
	/** Redacted URL. */
	url?: string;
	priority: number;
	branch: string;
	/** The branch's name on this remote, set only when branch_map renames it. */
	remoteBranch?: string;
	state: SyncState;
	ahead: number;
	behind: number;
	/** Local branch tip sha (full). */
	local?: string;
	/** Remote-tracking sha (full) of the branch's name on the remote (refs/remotes/<remote>/<remoteBranch>). */
	remoteSha?: string;
	/** Name of the VPN the remote needs, if any. */
	vpn?: string;
	/** ISO time the remote was last fetched (FETCH_HEAD / ref log), undefined if never. */
	fetchedAt?: string;
	/** Set when the last fetch of this remote failed: the status shown is from older refs. */
	fetchError?: GitFailure;
	/** Set when the remote is never contacted: its destination comes only from an untrusted repo file (what to run). */
	untrusted?: string;
	/** True when `fetchError` is set: the state is the last known one, as of `fetchedAt`. */
	stale?: boolean;
	/** Why the state is `filtered`: the remote's `branches` leave it out, or branch_map sends another branch there (core/branch-map.ts). */
	notTaken?: string;
	/** Why the state is `unknown`: never fetched, or the remote's fetch refspec does not fetch this branch. */
	unknownReason?: 'never-fetched' | 'not-in-refspec';
	/** Undefined when our fetch never looked at the remote's tags (JSON `null`). */
	tags?: TagStatus;
};

export type DivergencePair = {branch: string; remotes: [string, string]};

export type StatusReport = {
	branch: string;
	/** Local sha of the branch, undefined on an unborn branch. */
	local?: string;
	remotes: RemoteBranchStatus[];
	divergence: DivergencePair[];
	queue: {pending: number};
};

export type HealthResult = {
	name: string;
	url?: string;
	reachable: boolean;
	class: ReachClass;
	latencyMs: number;
	error?: string;
	vpn?: string;
};

export type PushStatus =
	| 'pushed'
	| 'up-to-date'
	| 'skipped'
	| 'blocked'
	| 'rejected'
	| 'queued'
	| 'failed'
	| 'would-push'
	| 'would-force'
	| 'would-block';

/** What a push would do, decided before pushing (SPEC §4 force-push protection, dry-run). */
export type PushPlanKind = 'create' | 'fast-forward' | 'force' | 'blocked' | 'up-to-date' | 'needs-confirmation' | 'skipped';

export type OperationKind = 'push' | 'fetch' | 'health' | 'status' | 'process-queue';

export type OperationResult = {
	remote: string;
	branch: string;
	/** Where the branch went on the remote, set only when branch_map renames it. */
	remoteBranch?: string;
	status: PushStatus;
	durationMs: number;
	attempts: number;
	error?: string;
	errorClass?: ErrorClass;
	vpn?: string;
	/** One line a person reads: "Successfully pushed main to origin", "no remote takes branch x". */
	message?: string;
	/** Commits the remote would lose on a forced push (short sha + subject), newest first. */
	wouldLose?: string[];
	/** The sha pushed or that would be pushed. */
	sha?: string;
	/** The remote's sha when we looked (a refused force push): a confirmed retry leases on it. */
	remoteSha?: string;
	/** Raw git output (redacted), for the dashboard's detail pane and --verbose. */
	output?: string;
	/** Tags this push sent with the branch (dry-run: would send), per the remote's `tags` policy. */
	tags?: string[];
	/** Set on a tag's own result line (a tag the remote has elsewhere: blocked): the tag's name. */
	tag?: string;
	/** The tag lines of this push; reports list them right after it (see withTagLines). */
	tagResults?: OperationResult[];
};

export type OperationSummary = {
	succeeded: number;
	failed: number;
	blocked: number;
	skipped: number;
	queued: number;
};

export type OperationReport = {
	results: OperationResult[];
	summary: OperationSummary;
	/** Why nothing happened, when nothing did (e.g. "no remote takes branch x"). */
	notes?: string[];
};

/** Push progress, parsed from `git push --progress`. */
export type PushPhase = 'vpn' | 'connecting' | 'counting' | 'compressing' | 'writing' | 'resolving' | 'done';

export type Progress = {
	phase: PushPhase;
	/** 0..100 within the phase, when git reports it. */
	percent?: number;
	/** Bytes transferred so far (writing phase). */
	bytes?: number;
	/** Bytes per second, when git reports it. */
	bytesPerSecond?: number;
};

export type VpnStateKind = 'down' | 'connecting' | 'up' | 'up-ours' | 'failed' | 'disconnecting' | 'untrusted';

export type VpnState = {name: string; state: VpnStateKind; reason?: string};

export type QueueEntry = {
	remote: string;
	/** The local branch. */
	branch: string;
	/**
	 * Its name on the remote when the push was queued, set only when branch_map renamed it
	 * (files written before branch_map have none: the branch's own name).
	 */
	remoteBranch?: string;
	sha: string;
	attempts: number;
	lastError: string;
	/** ISO time of first failure. */
	queuedAt: string;
	/** ISO time of last failure. */
	lastAttemptAt: string;
};
