import type {ResolvedRemote} from '../config/schema.js';
import type {StatusReport} from '../model.js';
import {computeStatus} from '../status/compute-status.js';
import type {ServiceContext} from './context.js';
import {fetchRemotes} from './fetch-operation.js';

/**
 * Status of one branch on every remote: optionally fetch first (in parallel), then compute
 * from remote-tracking refs with a fixed number of git processes. A failed fetch is shown
 * on its remote (`fetchError`), never hidden.
 */
export async function computeSyncStatus(
	context: ServiceContext,
	options: {branch: string; remotes: readonly ResolvedRemote[]; fetch: boolean},
): Promise<StatusReport> {
	const fetchErrors = new Map<string, NonNullable<StatusReport['remotes'][number]['fetchError']>>();
	if (options.fetch && !context.dryRun()) {
		const {outcomes} = await fetchRemotes(context, options.remotes);
		for (const outcome of outcomes) if (outcome.failure) fetchErrors.set(outcome.remote, outcome.failure);
	}

	const computed = await computeStatus({cwd: context.cwd, branch: options.branch, remotes: [...options.remotes]});
	const pending = context.queue ? (await context.queue.list()).length : 0;
	const report: StatusReport = {
		...computed,
		remotes: computed.remotes.map(remote => {
			const fetchError = fetchErrors.get(remote.remote);
			const untrusted = options.remotes.find(candidate => candidate.name === remote.remote)?.untrusted;
			return {...remote, ...(fetchError ? {fetchError} : {}), ...(untrusted === undefined ? {} : {untrusted})};
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
