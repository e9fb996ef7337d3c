import type {ResolvedRemote} from '../config/schema.js';
import type {StatusReport} from '../model.js';
import {computeStatus, type ComputeStatusInput} from '../status/compute-status.js';
import type {ServiceContext} from './context.js';
import {fetchRemotes} from './fetch-operation.js';

/**
 * Status of one branch on every remote: optionally fetch first (in parallel), then compute
 * from remote-tracking refs with a fixed number of git processes. A remote whose last fetch
 * failed is shown with its last known state, `stale`, with the failure (`fetchError`), never
 * hidden. Every fetch is bounded (stall and remote timeouts), so a silent host costs at most that.
 */
export async function computeSyncStatus(
	context: ServiceContext,
	options: {branch: string; remotes: readonly ResolvedRemote[]; fetch: boolean},
): Promise<StatusReport> {
	if (options.fetch && !context.dryRun()) await fetchRemotes(context, options.remotes);
	return readLocalStatus(context, options);
}

/** Status from the refs as they are (no network): a few local git processes. `known`: see ComputeStatusInput. */
export async function readLocalStatus(context: ServiceContext, options: {branch: string; remotes: readonly ResolvedRemote[]; known?: ComputeStatusInput['known']}): Promise<StatusReport> {
	const computed = await computeStatus({cwd: context.cwd, branch: options.branch, remotes: [...options.remotes], known: options.known, signal: context.signal});
	const pending = context.queue ? (await context.queue.list()).length : 0;
	const report: StatusReport = {
		...computed,
		remotes: computed.remotes.map(remote => {
			const fetchError = context.fetchFailures.get(remote.remote);
			const untrusted = options.remotes.find(candidate => candidate.name === remote.remote)?.untrusted;
			return {...remote, ...(fetchError ? {fetchError, stale: true} : {}), ...(untrusted === undefined ? {} : {untrusted})};
		}),
		queue: {pending},
	};

	context.store.update(snapshot => ({
		...snapshot,
		repo: {...snapshot.repo, localSha: report.local},
		statusAt: Date.now(),
		divergence: report.divergence,
		remotes: snapshot.remotes.map(row => {
			const status = report.remotes.find(remote => remote.remote === row.name);
			return status ? {...row, status} : row;
		}),
	}));
	context.bus.emit({type: 'status', report});
	return report;
}
