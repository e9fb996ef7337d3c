import type {ResolvedConfig, ResolvedRemote} from '../config/schema.js';
import type {GitFailure} from '../model.js';
import type {QueueStore} from '../queue/queue-store.js';
import type {VpnManager} from '../vpn/vpn-manager.js';
import type {EventBus} from './event-bus.js';
import type {SnapshotStore} from './snapshot-store.js';

/** What every operation needs; built once by SyncService and handed to each operation. */
export type ServiceContext = {
	cwd: string;
	config: ResolvedConfig;
	store: SnapshotStore;
	bus: EventBus;
	vpn: VpnManager;
	queue?: QueueStore;
	/** Aborted by dispose() (Ctrl-C, SIGTERM, quit). */
	signal: AbortSignal;
	nextId(): string;
	dryRun(): boolean;
	/** Each remote's last fetch failure, until a fetch of it succeeds: its row is stale. */
	fetchFailures: Map<string, GitFailure>;
};

export function findRemote(context: ServiceContext, name: string): ResolvedRemote | undefined {
	return context.config.remotes.find(remote => remote.name === name);
}

/** Remotes named (in priority order), or all when no names are given. */
export function remotesNamed(context: ServiceContext, names?: readonly string[]): ResolvedRemote[] {
	if (!names || names.length === 0) return context.config.remotes;
	return context.config.remotes.filter(remote => names.includes(remote.name));
}
