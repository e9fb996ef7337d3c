import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {loadConfig} from '../../../source/core/config/load.js';
import type {SyncEvent} from '../../../source/core/events.js';
import {QueueStore} from '../../../source/core/queue/queue-store.js';
import {listLocalBranches, readRepoInfo} from '../../../source/core/service/repo-info.js';
import {readRepository} from '../../../source/core/service/repository-reads.js';
import type {SyncSnapshot} from '../../../source/core/snapshot.js';
import {SyncService} from '../../../source/core/sync-service.js';
import {applyTrust} from '../../../source/core/trust/apply-trust.js';
import {configRequests} from '../../../source/core/trust/fingerprint.js';
import {TrustStore} from '../../../source/core/trust/trust-store.js';
import {commit, git, makeRepo, onCleanup, tempDir} from '../../harness/index.js';

export {isolateProductGit} from '../../harness/product-env.js';

export type ServiceSetup = {
	/** `.remotesyncrc.json` contents (snake_case, as a user writes it). */
	config?: object;
	/** Approve the repo file's VPN commands in the (temporary) trust store first. Default true. */
	trusted?: boolean;
	dryRun?: boolean;
};

/**
 * A SyncService built exactly the way the CLI builds it (source/cli/main.ts): repo info,
 * loadConfig (repo file, no user file, no environment), the repository's QueueStore and a
 * TrustStore in a temp directory. Disposed after the test.
 */
export async function serviceFor(repo: string, setup: ServiceSetup = {}): Promise<{service: SyncService; trust: TrustStore; configFile: string}> {
	const configFile = path.join(repo, '.remotesyncrc.json');
	writeFileSync(configFile, JSON.stringify(setup.config ?? {}, null, 2));
	const info = await readRepoInfo(repo);
	const config = await loadConfig({cwd: repo, env: {}, userConfigDir: tempDir('rst-user-config-'), cli: {dryRun: setup.dryRun}});
	const trust = new TrustStore({cwd: tempDir('rst-trust-')});
	if (setup.trusted ?? true) trust.trust(configFile, configRequests(config.remotes));
	const localBranches = await listLocalBranches(repo);
	const queue = await QueueStore.open(repo);
	const service = new SyncService({cwd: repo, config: {...config, remotes: applyTrust(config.remotes, trust).remotes}, repo: info, branch: info.currentBranch ?? 'main', localBranches, queue, trust});
	onCleanup(async () => service.dispose());
	return {service, trust, configFile};
}

/** A repository whose remotes were fetched long ago: one in sync, one behind us, one ahead, one diverged. */
export function fetchedLongAgo() {
	const repo = makeRepo();
	const base = git(repo, 'rev-parse', 'HEAD');
	const theirs = git(repo, 'commit-tree', '-p', base, '-m', 'theirs', `${base}^{tree}`);
	const mine = commit(repo, 'mine');
	for (const name of ['same', 'old', 'new', 'forked']) git(repo, 'remote', 'add', name, `/srv/${name}.git`);
	git(repo, 'update-ref', 'refs/remotes/same/main', mine);
	git(repo, 'update-ref', 'refs/remotes/old/main', base);
	git(repo, 'update-ref', 'refs/remotes/new/main', git(repo, 'commit-tree', '-p', mine, '-m', 'new', `${mine}^{tree}`));
	git(repo, 'update-ref', 'refs/remotes/forked/main', theirs);
	return repo;
}

/** The service the way the CLI builds it for the dashboard (source/cli/run.ts): from the start-up reads. */
export async function dashboardService(repo: string): Promise<SyncService> {
	const reads = await readRepository(repo);
	if (!reads) throw new Error('start-up reads found no work tree');
	const config = await loadConfig({cwd: repo, env: {}, userConfigDir: tempDir('rst-user-config-'), cli: {}, repository: reads.repository});
	const service = new SyncService({
		cwd: repo,
		config,
		repo: reads.info,
		branch: reads.info.currentBranch ?? 'main',
		localBranches: reads.localBranches,
		trust: {isTrusted: () => true},
		startupRefs: reads.refs,
	});
	onCleanup(async () => service.dispose());
	return service;
}

/** Every event and every snapshot the service publishes, in order. */
export type Recording = {events: SyncEvent[]; snapshots: SyncSnapshot[]; stop(): void};

export function record(service: SyncService): Recording {
	const events: SyncEvent[] = [];
	const snapshots: SyncSnapshot[] = [];
	const offEvents = service.on(event => events.push(event));
	const offSnapshots = service.subscribe(() => snapshots.push(service.getSnapshot()));
	return {
		events,
		snapshots,
		stop() {
			offEvents();
			offSnapshots();
		},
	};
}

/** Events of each operation id, in the order they were emitted. */
export function byOperation(events: readonly SyncEvent[]): Map<string, SyncEvent[]> {
	const operations = new Map<string, SyncEvent[]>();
	for (const event of events) {
		if (!('id' in event)) continue;
		operations.set(event.id, [...(operations.get(event.id) ?? []), event]);
	}

	return operations;
}
