import * as z from 'zod';
import type {ErrorClass, OperationKind, PushPhase, PushStatus, ReachClass, SyncState, VpnStateKind} from '../../core/model.js';

/**
 * The model's unions as zod enums, for the published schemas. Each list must be exactly its
 * union in core/model.ts: a value added on either side fails the build (`exact` below).
 */
export const syncStates = ['in-sync', 'ahead', 'behind', 'diverged', 'missing', 'unknown', 'filtered'] as const;
export const pushStatuses = ['pushed', 'up-to-date', 'skipped', 'blocked', 'rejected', 'queued', 'failed', 'would-push', 'would-force', 'would-block'] as const;
export const errorClasses = ['unreachable', 'auth-failed', 'host-key', 'timeout', 'rejected', 'not-found', 'hook-failed', 'vpn-down', 'interrupted', 'other'] as const;
export const reachClasses = ['reachable', 'unreachable', 'auth-failed', 'host-key', 'timeout', 'vpn-down', 'not-found', 'untrusted', 'other'] as const;
export const operationKinds = ['push', 'fetch', 'health', 'status', 'process-queue'] as const;
export const phases = ['vpn', 'connecting', 'counting', 'compressing', 'writing', 'resolving', 'done'] as const;
export const vpnStates = ['down', 'connecting', 'up', 'up-ours', 'failed', 'disconnecting', 'untrusted'] as const;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Values<T extends readonly string[]> = T[number];
const exact: [
	Same<Values<typeof syncStates>, SyncState>,
	Same<Values<typeof pushStatuses>, PushStatus>,
	Same<Values<typeof errorClasses>, ErrorClass>,
	Same<Values<typeof reachClasses>, ReachClass>,
	Same<Values<typeof operationKinds>, OperationKind>,
	Same<Values<typeof phases>, PushPhase>,
	Same<Values<typeof vpnStates>, VpnStateKind>,
] = [true, true, true, true, true, true, true];
void exact;

export const errorClass = z.enum(errorClasses).describe('The class of the failure (what to do next depends on it).');
