import type {
	GitFailure,
	HealthResult,
	OperationKind,
	OperationResult,
	Progress,
	QueueEntry,
	StatusReport,
	VpnState,
} from './model.js';

/**
 * Every event SyncService emits. The dashboard's log pane and the headless reporters
 * consume the same stream; the dashboard's rows read the snapshot instead (see sync-service.ts).
 */
export type SyncEvent =
	/** `remoteBranch`: the branch's name on the remote, when branch_map renames it. */
	| {type: 'operation-started'; id: string; kind: OperationKind; remote: string; branch?: string; remoteBranch?: string; at: number}
	| {type: 'phase'; id: string; remote: string; branch?: string; progress: Progress}
	| {type: 'command'; id: string; remote?: string; argv: string[]; durationMs: number; exitCode: number | null; failure?: GitFailure}
	| {type: 'result'; id: string; kind: OperationKind; result: OperationResult}
	| {type: 'health'; id: string; result: HealthResult}
	| {type: 'status'; report: StatusReport}
	| {type: 'vpn'; state: VpnState}
	| {type: 'queue-changed'; entries: QueueEntry[]}
	| {type: 'warning'; message: string}
	| {type: 'operation-finished'; id: string; kind: OperationKind; remote: string; branch?: string; durationMs: number};

export type SyncEventType = SyncEvent['type'];
export type SyncEventOf<T extends SyncEventType> = Extract<SyncEvent, {type: T}>;

export function assertNever(value: never): never {
	throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
