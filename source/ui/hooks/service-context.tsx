import {createContext, useContext, useMemo, type ReactNode} from 'react';
import type {SyncServiceApi, SyncSnapshot} from '../../core/snapshot.js';
import {throttleStore, type ExternalStore} from './throttled-store.js';

/**
 * The engine reaches the tree through this context only (injected by <App>, never a module
 * singleton), with one throttled view of its snapshot shared by every hook that reads it.
 */

type ServiceContextValue = {
	service: SyncServiceApi;
	store: ExternalStore<SyncSnapshot>;
};

export const ServiceContext = createContext<ServiceContextValue | undefined>(undefined);

/** Renders per second are bounded by this: at most one snapshot publish per interval. */
export const defaultThrottleMs = 80;

export function ServiceProvider(props: {service: SyncServiceApi; throttleMs?: number; children: ReactNode}) {
	const {service, throttleMs = defaultThrottleMs} = props;
	const value = useMemo(
		() => ({service, store: throttleStore<SyncSnapshot>(service, throttleMs)}),
		[service, throttleMs],
	);
	return <ServiceContext.Provider value={value}>{props.children}</ServiceContext.Provider>;
}

function useServiceContext(): ServiceContextValue {
	const value = useContext(ServiceContext);
	if (!value) throw new Error('useSyncService() needs a <ServiceProvider> (or <App service={...}>) above it');
	return value;
}

export function useSyncService(): SyncServiceApi {
	return useServiceContext().service;
}

export function useSnapshotStore(): ExternalStore<SyncSnapshot> {
	return useServiceContext().store;
}
