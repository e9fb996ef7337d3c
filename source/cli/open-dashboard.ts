import type {SyncService} from '../core/sync-service.js';
import {importDashboard, type DashboardModule} from './import-dashboard.js';
import type {Io} from './output.js';

export type {DashboardModule} from './import-dashboard.js';

/**
 * Starts loading the dashboard's modules (ink, React, yoga: the largest chunk) at once, so they
 * load while git reads the repository and the config. ink decides at import time that CI=true
 * means "no live frames, print at exit"; on a real terminal the user asked for the dashboard, so
 * that guess must not apply.
 */
export function loadDashboard(): Promise<DashboardModule> {
	delete process.env.CI;
	delete process.env.CONTINUOUS_INTEGRATION;
	const loading = importDashboard();
	loading.catch(() => undefined); // Awaited later; an early config error must not leave it unhandled.
	return loading;
}

export type OpenDashboard = {
	loading: Promise<DashboardModule>;
	service: SyncService;
	io: Io;
	color?: boolean;
	/** How long the first frame waits for the rows' states (default 500 ms). */
	stateWaitMs?: number;
};

/**
 * The first frame already has every row's state from the tracking refs (SPEC §5): that read
 * (the refspecs and the commit graph, a few local git processes) runs while the UI chunk
 * finishes loading, and a frame drawn without it would cost a whole render (the dearest step
 * at 20 remotes, bench/README.md) before the one that counts. A repository whose commit graph
 * is slow to read gets its frame after `stateWaitMs` anyway, its rows still "reading…".
 */
export async function openDashboard({loading, service, io, color, stateWaitMs = 500}: OpenDashboard): Promise<number> {
	const state = service.readStartupState();
	const {renderDashboard, applyTerminalColors} = await loading;
	let timer: NodeJS.Timeout | undefined;
	await Promise.race([state, new Promise<void>(resolve => (timer = setTimeout(resolve, stateWaitMs)))]);
	clearTimeout(timer);
	applyTerminalColors(io.stdout, io.env, color);
	return renderDashboard(service, {stdout: io.stdout, stdin: io.stdin});
}
