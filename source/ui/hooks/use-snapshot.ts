import {useSyncExternalStore} from 'react';
import type {SyncSnapshot} from '../../core/snapshot.js';
import {useSnapshotStore} from './service-context.js';

/** The engine's snapshot, re-read at a bounded rate (see throttled-store.ts). */
export function useSnapshot(): SyncSnapshot {
	const store = useSnapshotStore();
	return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
