import type {ResolvedRemote} from '../config/schema.js';
import type {GitOutput} from '../git/runner.js';
import type {Progress} from '../model.js';
import type {TagReads} from '../tags/read-tags.js';
import type {PushPlan} from './plan.js';

/** What one (remote, branch) push is asked to do: shared by push-one.ts and the two steps it
 * runs (plain-push.ts, run-push.ts), so none of them imports another's module for a type. */
export type PushRequest = {
	cwd: string;
	remote: ResolvedRemote;
	branch: string;
	localSha: string;
	/** The user passed --force, or confirmed in the dashboard. */
	force: boolean;
	dryRun: boolean;
	retryBaseDelaySeconds: number;
	retryMaxDelaySeconds: number;
	signal?: AbortSignal;
	onProgress?: (progress: Progress) => void;
	onCommand?: (output: GitOutput) => void;
	/** The plan the user confirmed in the dashboard: no re-planning, and a force leases on its remoteSha. */
	plan?: PushPlan;
	/** The operation's tag reads, shared by all its pushes (one for-each-ref per pushed sha); else this push reads its own. */
	tagReads?: TagReads;
	/** Told before each wait for a retry, for the log: "retry 1 of 3 in 1.2 s: <error>". */
	onRetry?: (info: {retry: number; of: number; delayMs: number; error?: string}) => void;
};
