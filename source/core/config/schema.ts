import * as z from 'zod';
import {forcePushPolicies, tagPolicies, type ForcePushPolicy, type TagPolicy} from './defaults.js';

/**
 * The one definition of `.remotesyncrc.json`. Validation, defaults, the TypeScript
 * types and the published JSON Schema (schema/remotesyncrc.schema.json) all come from here.
 *
 * Keys are snake_case because the old Python tool's files must keep working unchanged.
 * Each layer (user file, repo file, env, CLI) is validated on its own with `layerSchema`
 * (everything optional, no defaults) so an error names the file it came from; the merged
 * result is then completed with `defaults`.
 */

const positiveSeconds = z.number().positive({message: 'must be a number of seconds greater than 0'});
const wholeCount = (min: number) =>
	z.number().int({message: 'must be a whole number'}).min(min, {message: `must be at least ${min}`});

export const vpnSchema = z.looseObject({
	connect_cmd: z.string().optional().describe('Shell command that brings the VPN up.'),
	disconnect_cmd: z.string().optional().describe('Shell command that takes the VPN down (run only if we connected it).'),
	check_cmd: z.string().optional().describe('Shell command that exits 0 when the VPN is up.'),
	timeout: positiveSeconds.optional().describe('Seconds each VPN command may take (default 30).'),
	auto_connect: z.boolean().optional().describe('true: connect only when needed; false: never connect by itself (default true).'),
});

export const remoteSchema = z.looseObject({
	priority: z.number().int({message: 'must be a whole number'}).optional().describe('Lower runs and reports first (default 1).'),
	branches: z.array(z.string()).optional().describe('Globs of branches this remote takes; "!glob" excludes (default ["*"]).'),
	force_push: z.enum(forcePushPolicies).optional().describe('block (default) | warn | allow.'),
	retry: wholeCount(0).optional().describe('Extra attempts after a transient network failure (default 3).'),
	timeout: positiveSeconds.optional().describe('Seconds per attempt of a network operation (default 30).'),
	group: z.string().optional().describe('Group name; --group NAME selects the remotes of a group.'),
	url: z.string().optional().describe('URL used when git has no remote of this name.'),
	vpn: z.union([z.string(), vpnSchema]).optional().describe('Name of an entry in "vpn", or an inline VPN object.'),
	enabled: z.boolean().optional().describe('false hides the remote from every operation (default true).'),
	branch_map: z
		.record(z.string(), z.string())
		.optional()
		.describe('Local branch → its name on this remote ({"main": "master"}): pushed to, fetched from and compared with that name.'),
	tags: z
		.enum(tagPolicies)
		.optional()
		.describe('Tags pushed with a branch: follow (default: annotated tags reachable from what is pushed, like git push --follow-tags) | all (every local tag) | none. A tag the remote has pointing elsewhere is never overwritten.'),
});

export const layerSchema = z.looseObject({
	$schema: z.string().optional().describe('Path or URL of this JSON Schema, for editors.'),
	remotes: z.record(z.string(), remoteSchema).optional().describe('Settings per git remote name; remotes git has but this omits get the defaults.'),
	vpn: z.record(z.string(), vpnSchema).optional().describe('Named VPNs that remotes refer to with "vpn": "<name>".'),
	parallel: z.boolean().optional().describe('Push to remotes in parallel (default true).'),
	max_workers: wholeCount(1).optional().describe('Operations running at once (default 4).'),
	offline_queue: z.boolean().optional().describe('Queue pushes that fail for a network reason (default true).'),
	health_check_timeout: positiveSeconds.optional().describe('Seconds a health probe may take (default 5).'),
	refresh_interval: z
		.number()
		.min(0, {message: 'must be 0 (off) or more seconds'})
		.optional()
		.describe('Seconds between the dashboard\'s background fetches of every remote (default 60; 0 = off).'),
	retry_base_delay: z.number().min(0, {message: 'must be 0 or more seconds'}).optional().describe('First retry delay in seconds (default 1.0).'),
	retry_max_delay: z.number().min(0, {message: 'must be 0 or more seconds'}).optional().describe('Largest retry delay in seconds (default 30.0).'),
	auto_fetch: z.boolean().optional().describe('Fetch before computing status (default true).'),
	stall_timeout: positiveSeconds
		.optional()
		.describe('Seconds a fetch, push or probe may show no progress before it is stopped and classed timeout (default 10); one that makes progress may run to its remote\'s timeout.'),
});

export type ConfigLayer = z.infer<typeof layerSchema>;
export type RemoteLayer = z.infer<typeof remoteSchema>;
export type VpnLayer = z.infer<typeof vpnSchema>;

export type {ForcePushPolicy, TagPolicy};

/** A VPN after defaults, with where its commands came from (for trust). */
export type ResolvedVpn = {
	name: string;
	connectCmd?: string;
	disconnectCmd?: string;
	checkCmd?: string;
	timeoutSeconds: number;
	autoConnect: boolean;
	/** File the commands were defined in; undefined for the user's own config (always trusted). */
	source?: string;
	/** The checkout the repo file belongs to: files in it that the commands name are pinned by trust. */
	workTree?: string;
};

/** What a remote takes from the repo file that applies only once `remote-sync trust` approved it (SPEC §2). */
export type RepoAsks = {
	/** The repo file (absolute path). */
	file: string;
	/** The destination, when only the repo file names it (git has no remote of that name). */
	url?: string;
	/** A force_push looser than the user's own (else `warn`), and the policy that applies until trusted. */
	forcePush?: {requested: ForcePushPolicy; untrusted: ForcePushPolicy};
	/** branch_map entries only the repo file sets (local → remote name), and the map that applies until trusted. */
	branchMap?: {requested: ReadonlyArray<readonly [string, string]>; untrusted: BranchMap};
	/** A `tags` policy that sends more than the user's own (else `follow`): `all` ships every local tag, and the commits under them. */
	tags?: {requested: TagPolicy; untrusted: TagPolicy};
};

/** Local branch → its name on one remote; a branch not in it keeps its name (core/branch-map.ts reads it). */
export type BranchMap = ReadonlyMap<string, string>;

/** One remote after discovery, config and defaults. */
export type ResolvedRemote = {
	name: string;
	/** Fetch URL (from git, else config `url`); undefined when neither has one. */
	url?: string;
	/** True when git knows the remote; false when only config `url` defines it. */
	inGit: boolean;
	/** True when some config layer names the remote. */
	configured: boolean;
	priority: number;
	branches: readonly string[];
	forcePush: ForcePushPolicy;
	retry: number;
	timeoutSeconds: number;
	/** The top-level stall_timeout, carried by each remote so every network call of it is bounded by both. */
	stallTimeoutSeconds: number;
	group?: string;
	vpn?: ResolvedVpn;
	enabled: boolean;
	/** `branch_map`; undefined when the config maps nothing. Read it through core/branch-map.ts. */
	branchMap?: BranchMap;
	/** Which tags go with a push to this remote, and which status compares. */
	tags: TagPolicy;
	/** What this remote takes from the repo file that needs trust; undefined when nothing does. */
	repoAsks?: RepoAsks;
	/**
	 * Set (by trust/apply-trust.ts) when the destination comes only from an untrusted repo file:
	 * the remote is shown, never contacted. The text says what to run.
	 */
	untrusted?: string;
};

export type ResolvedSettings = {
	parallel: boolean;
	maxWorkers: number;
	offlineQueue: boolean;
	healthCheckTimeoutSeconds: number;
	/** Background refresh period of the dashboard; 0 = off. */
	refreshIntervalSeconds: number;
	retryBaseDelaySeconds: number;
	retryMaxDelaySeconds: number;
	autoFetch: boolean;
	stallTimeoutSeconds: number;
	dryRun: boolean;
	verbose: boolean;
};

export type ResolvedConfig = {
	settings: ResolvedSettings;
	/** Every enabled remote, sorted by priority then name. */
	remotes: ResolvedRemote[];
	/** Non-fatal findings: unknown keys ("did you mean"), config remotes git lacks, ... */
	warnings: string[];
	/** Files that contributed, lowest precedence first. */
	files: string[];
	/** Absolute work tree root the config was loaded for (set by loadConfig). */
	workTree?: string;
};
