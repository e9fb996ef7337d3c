import {notTakenReason, remoteBranchOf} from '../branch-map.js';
import type {ResolvedRemote} from '../config/schema.js';
import {redactUrl} from '../git/redact.js';
import type {DivergencePair, RemoteBranchStatus, StatusReport, SyncState} from '../model.js';
import {tagReads} from '../tags/read-tags.js';
import {shownText} from '../text/shown-text.js';
import {tagStatus} from '../tags/tag-status.js';
import {readFetchRecords, type FetchTimes, type GitDirs} from './fetch-times.js';
import {analyzeTips, type TipGraph} from './graph.js';
import {localSha, readRefs, type RefSnapshot} from './refs.js';
import {defaultRefspec, readRemoteLayout, trackingRefFor, trackingRefsOf, withMappedBranches, type RemoteLayout} from './refspecs.js';

/**
 * Where one branch stands on every remote (SPEC §3), from remote-tracking refs only: no
 * network. Costs a fixed number of git processes however many remotes and branches the
 * repository has: one for-each-ref, one config read (fetch refspecs), one merge-base, one
 * rev-list (+ one rev-parse when the caller does not pass fetch times).
 *
 * A remote defined only by a config `url` is fetched into refs/remotes/<name>/* as well
 * (fetch.ts), so it is read the same way. With branch_map, the local branch is compared with
 * the tracking ref of its name on the remote (`main` with refs/remotes/legacy/master).
 */

export type ComputeStatusInput = {
	cwd: string;
	/** The branch to report; on a detached HEAD the caller chooses it. */
	branch: string;
	remotes: readonly ResolvedRemote[];
	/** Remote name → ISO time of its last fetch; read from fetched.json when omitted. */
	fetchedAt?: FetchTimes;
	/**
	 * What the caller read moments ago (start-up: service/repository-reads.ts), so the first
	 * status costs no second for-each-ref, refspec read or rev-parse. Never pass refs read before a fetch or push.
	 */
	known?: {refs?: RefSnapshot; layout?: RemoteLayout; gitDirs?: GitDirs};
	/** Remote name → ISO time our fetch last stored its tags; read from tags-seen.json unless both this and fetchedAt are given. */
	tagsSeenAt?: FetchTimes;
	signal?: AbortSignal;
};

export async function computeStatus(input: ComputeStatusInput): Promise<Omit<StatusReport, 'queue'>> {
	const {cwd, branch, signal} = input;
	// Known refs count only with the tags in them (start-up reads them in the same process).
	const known = input.known?.refs?.tags ? input.known.refs : undefined;
	const [snapshot, gitLayout] = await Promise.all([known ?? readRefs(cwd, signal, {tags: true}), input.known?.layout ?? readRemoteLayout(cwd, signal)]);
	const layout = asFetched(gitLayout, input.remotes);
	const trackingRefs = trackingRefsOf(layout, input.remotes.map(remote => remote.name), snapshot.refs.keys());
	// Stable: equal priorities keep the caller's order (config sorts by priority, then name).
	const remotes = [...input.remotes].sort((a, b) => a.priority - b.priority);
	const local = localSha(snapshot, branch);
	const tips = remotes.map(remote => {
		const notTaken = notTakenReason(remote, branch);
		const taken = notTaken === undefined;
		const remoteBranch = remoteBranchOf(remote, branch);
		const ref = trackingRefFor(layout.get(remote.name)!, remoteBranch);
		return {remote, remoteBranch, taken, notTaken, ref, tip: ref === undefined ? undefined : snapshot.refs.get(ref)};
	});

	// The commit graph (two git processes) is read while the fetch times are (a stat per
	// tracking ref): every tip that can be compared, whether or not it turns out fetched.
	// On an unborn branch nothing is local: compare against the empty history instead.
	const comparable = tips.flatMap(({taken, tip}) => (taken && tip !== undefined ? [tip] : []));
	const graphRead = analyzeTips(cwd, [local, ...comparable], {fullHistory: local === undefined, signal});
	graphRead.catch(() => undefined); // Awaited below, after the fetch times.
	const records = input.fetchedAt && input.tagsSeenAt ? undefined : await readFetchRecords(cwd, {remotes: input.remotes, trackingRefs}, input.known?.gitDirs);
	const fetchedAt = input.fetchedAt ?? records!.fetchedAt;
	const tagsSeenAt = input.tagsSeenAt ?? records!.tagsSeenAt;
	const reachableRead = reachableTags(cwd, local, snapshot, remotes.filter(remote => tagsSeenAt[remote.name] !== undefined), signal);
	reachableRead.catch(() => undefined); // Awaited with the graph.

	const rows = tips.map(({remote, remoteBranch, taken, notTaken, ref, tip}) => {
		// Fetched once = it left a tracking ref, or a fetch of it is on record (an empty remote leaves no ref).
		const fetched = fetchedAt[remote.name] !== undefined || trackingRefs.get(remote.name)!.length > 0;
		const state: SyncState | undefined = !taken ? 'filtered' : ref === undefined || !fetched ? 'unknown' : tip === undefined ? 'missing' : undefined;
		const unknownReason = state === 'unknown' ? (ref === undefined ? ('not-in-refspec' as const) : ('never-fetched' as const)) : undefined;
		return {remote, remoteBranch, tip, state, unknownReason, notTaken};
	});

	const compared = rows.filter((row): row is typeof row & {tip: string} => row.state === undefined && row.tip !== undefined);
	const [graph, reachable] = await Promise.all([graphRead, reachableRead]);
	const tags = snapshot.tags!;

	const statuses: RemoteBranchStatus[] = rows.map(({remote, remoteBranch, tip, state, unknownReason, notTaken}) => {
		const counts = state === undefined ? countsFor(graph, local, tip) : {state, ahead: 0, behind: 0};
		const status: RemoteBranchStatus = {
			remote: remote.name,
			url: redactUrl(remote.url),
			priority: remote.priority,
			branch,
			...(remoteBranch === branch ? {} : {remoteBranch}),
			...counts,
			local,
			remoteSha: tip,
		};
		if (unknownReason) status.unknownReason = unknownReason;
		// It quotes the config's globs: a repository file's words, inert like every result's.
		if (notTaken !== undefined) status.notTaken = shownText(notTaken);
		if (remote.vpn) status.vpn = remote.vpn.name;
		const at = fetchedAt[remote.name];
		if (at !== undefined) status.fetchedAt = at;
		if (tagsSeenAt[remote.name] !== undefined) status.tags = tagStatus(remote.name, remote.tags, tags.local, reachable, tags.stored);
		return status;
	});

	return {branch, local, remotes: statuses, divergence: divergenceBetween(graph, branch, compared)};
}

/** The tags the local branch reaches, asked of git once and only when a looked-at `follow` remote needs them. */
async function reachableTags(cwd: string, local: string | undefined, snapshot: RefSnapshot, looked: readonly ResolvedRemote[], signal?: AbortSignal): Promise<Set<string>> {
	if (local === undefined || !looked.some(remote => remote.tags === 'follow')) return new Set();
	return new Set((await tagReads(cwd, {known: snapshot, signal}).reachedBy(local)).map(tag => tag.name));
}

/**
 * The refspecs as our fetch uses them (fetch.ts): config-only remotes (a `url`, no git remote)
 * with the default refspec, and every remote with its branch_map targets.
 */
function asFetched(layout: RemoteLayout, remotes: readonly ResolvedRemote[]): RemoteLayout {
	const complete = new Map(layout);
	for (const remote of remotes) {
		const configured = complete.get(remote.name);
		const specs = configured && configured.some(spec => !spec.negative) ? configured : [...(configured ?? []), defaultRefspec(remote.name)];
		complete.set(remote.name, withMappedBranches(specs, remote));
	}

	return complete;
}

function countsFor(graph: TipGraph, local: string | undefined, tip: string | undefined): {state: SyncState; ahead: number; behind: number} {
	const ahead = local === undefined ? 0 : (graph.countOnly(local, tip) ?? 0);
	const behind = local === undefined ? (graph.countAll(tip) ?? 0) : (graph.countOnly(tip, local) ?? 0);
	const state: SyncState = ahead > 0 && behind > 0 ? 'diverged' : ahead > 0 ? 'ahead' : behind > 0 ? 'behind' : 'in-sync';
	return {state, ahead, behind};
}

/** Every pair of remotes whose tips for the branch are not ancestors of one another (SPEC §3). */
function divergenceBetween(graph: TipGraph, branch: string, compared: ReadonlyArray<{remote: ResolvedRemote; tip: string}>): DivergencePair[] {
	const pairs: DivergencePair[] = [];
	for (let i = 0; i < compared.length; i++) {
		for (let j = i + 1; j < compared.length; j++) {
			const a = compared[i]!;
			const b = compared[j]!;
			if (graph.isAncestor(a.tip, b.tip) === false && graph.isAncestor(b.tip, a.tip) === false) {
				pairs.push({branch, remotes: [a.remote.name, b.remote.name]});
			}
		}
	}

	return pairs;
}
