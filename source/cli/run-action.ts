import path from 'node:path';
import {loadConfig} from '../core/config/load.js';
import {selectRemotes} from '../core/config/select.js';
import {EnvironmentError, exitCodes} from '../core/errors.js';
import {QueueStore} from '../core/queue/queue-store.js';
import {listLocalBranches, readRepoInfo} from '../core/service/repo-info.js';
import type {RepositoryReads} from '../core/service/repository-reads.js';
import {SyncService} from '../core/sync-service.js';
import {applyTrust, needsTrustCheck} from '../core/trust/apply-trust.js';
import {configRequests} from '../core/trust/fingerprint.js';
import type {TrustStore} from '../core/trust/trust-store.js';
import {installSignalCleanup} from '../core/vpn/signal-cleanup.js';
import {insideOwnPush, nestedPushNote, pushingActions, withoutRemoteBeingPushed} from '../setup/hook-guard.js';
import {summaryLineText} from '../report/event-stream.js';
import {runsInCi} from './ci.js';
import type {ParsedCli} from './flags.js';
import {eventAction, runHeadless} from './headless.js';
import {requireLocalBranch} from './known-branch.js';
import {openDashboard, type DashboardModule} from './open-dashboard.js';
import {makeOutput, type Io, type Output} from './output.js';
import {everythingTrusted, openTrustStore} from './trust-checker.js';

/**
 * A status, push, fetch, health check or queue action, headless or in the dashboard: config,
 * trust, the service, then the one door it goes through. run.ts loads this module while the
 * repository reads it started run in git (and the dashboard's chunk, when one is wanted).
 */
export type ActionStart = {
	cwd: string;
	configPath?: string;
	trust?: TrustStore;
	trustEverything?: boolean;
	/** Start-up's round of git reads, already running (core/service/repository-reads.ts). */
	reads: Promise<RepositoryReads | undefined>;
	/** The dashboard's modules, loading since start-up; undefined for a headless run. */
	dashboard?: Promise<DashboardModule>;
	wantsDashboard: boolean;
};

export async function runAction(cli: ParsedCli, io: Io, out: Output, where: ActionStart): Promise<number> {
	if (cli.action && pushingActions.includes(cli.action) && insideOwnPush(io.env)) {
		const document = {results: [], summary: {succeeded: 0, failed: 0, blocked: 0, skipped: 0, queued: 0}, notes: [nestedPushNote]};
		if (out.events) out.eventLine(summaryLineText({action: eventAction[cli.action], exitCode: exitCodes.ok, document}));
		else if (out.json) out.printJson(document);
		else out.warn(nestedPushNote);
		return exitCodes.ok;
	}

	const {wantsDashboard, dashboard} = where;
	// Outside a work tree the start-up round gives nothing; the step-by-step reads give their own errors.
	const reads = await where.reads;
	const repo = reads?.info ?? (await readRepoInfo(where.cwd));
	const config = await loadConfig({
		cwd: where.cwd,
		configPath: where.configPath,
		env: io.env,
		cli: {parallel: cli.parallel, dryRun: cli.dryRun, verbose: cli.verbose, autoFetch: cli.fetch},
		repository: reads?.repository,
		// A CI job has no later run to deliver a queued push: a failed mirror must fail the job.
		defaultOfflineQueue: runsInCi(io) ? false : undefined,
	});
	const trust = where.trust ?? (needsTrustCheck(config.remotes) ? await openTrustStore() : everythingTrusted);
	// The demo's simulated VPN is trusted in the demo's own trust store, never the user's.
	if (where.trustEverything && where.configPath && where.trust) where.trust.trust(path.resolve(where.cwd, where.configPath), configRequests(config.remotes));
	const trusted = applyTrust(config.remotes, trust);
	const chosen = cli.remotes.length > 0 || cli.group ? selectRemotes(trusted.remotes, {names: cli.remotes.length > 0 ? cli.remotes : undefined, group: cli.group}) : trusted.remotes;
	// In a pre-push hook, the remote git is pushing itself is git's job (source/setup/hook-guard.ts).
	const selected = withoutRemoteBeingPushed(chosen, io.env);
	const warnings = [...config.warnings, ...trusted.warnings];
	for (const warning of warnings) out.warn(warning);
	const verbose = config.settings.verbose;
	if (verbose && !out.verbose) out = makeOutput(io, {quiet: out.quiet, json: out.json, events: out.events, verbose: true, color: cli.color});

	const branch = cli.branch ?? repo.currentBranch;
	const needsBranch = cli.action === undefined || ['status', 'push'].includes(cli.action);
	if (!branch && needsBranch) throw new EnvironmentError('HEAD is detached: pass --branch NAME to choose the branch to sync');

	const localBranches = reads?.localBranches ?? (await listLocalBranches(where.cwd));
	if (cli.branch !== undefined && needsBranch) requireLocalBranch(cli.branch, localBranches);
	const queue = await QueueStore.open(where.cwd, {location: reads?.queue});
	for (const warning of queue.warnings) out.warn(warning);
	const service = new SyncService({
		cwd: where.cwd,
		config: {...config, remotes: selected, warnings},
		repo,
		branch: branch ?? localBranches[0] ?? 'main',
		localBranches,
		queue,
		trust,
		startupRefs: reads?.refs,
		startupLayout: reads?.layout,
	});
	// SPEC §6: Ctrl-C exits 130, SIGTERM (a supervisor, a killed CI job) 143, after the cleanup.
	const uninstall = installSignalCleanup(async () => service.dispose());
	try {
		if (dashboard) return await openDashboard({loading: dashboard, service, io, color: cli.color});

		if (wantsDashboard && !out.json) out.warn('not a terminal: printing the status instead of the dashboard');
		return await runHeadless(
			service,
			{
				action: cli.action ?? 'status',
				remotes: [],
				branch: branch ?? localBranches[0] ?? 'main',
				force: cli.force,
				fetch: cli.fetch,
				localBranches,
				startupRefs: reads?.refs,
				queueFilter: {remotes: cli.remotes.length > 0 || cli.group ? selected.map(remote => remote.name) : undefined, branch: cli.branch},
			},
			out,
		);
	} finally {
		await service.dispose();
		uninstall();
	}
}
