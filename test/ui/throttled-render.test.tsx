import {describe, expect, it} from 'vitest';
import {StaticService, buildRow, buildSnapshot} from './fixtures/static-service.js';
import {renderApp} from './helpers.js';

/**
 * 100 snapshots, each in its own macrotask, as progress lines arriving from git's stderr do
 * (React would coalesce changes made in one synchronous burst by itself).
 */
async function flood(service: StaticService): Promise<void> {
	for (let ahead = 1; ahead <= 100; ahead++) {
		service.updateRow('origin', {status: {remote: 'origin', priority: 1, branch: 'main', state: 'ahead', ahead, behind: 0}});
		await new Promise((resolve) => setImmediate(resolve));
	}
}

async function framesDuringFlood(throttleMs: number): Promise<{frames: number; elapsedMs: number}> {
	const service = new StaticService(buildSnapshot({remotes: [buildRow('origin')]}));
	const app = await renderApp(service, {throttleMs});
	const before = app.frames().length;
	const started = Date.now();
	await flood(service);
	const elapsedMs = Date.now() - started;
	// The last state always arrives (trailing edge), however the burst was cut.
	await app.waitForFrame('↑100');
	return {frames: app.frames().length - before, elapsedMs};
}

describe('renders are throttled (SPEC §5: a flood of progress costs few frames)', () => {
	it('turns 100 snapshot changes into a handful of frames, ending on the final state', async () => {
		const {frames, elapsedMs} = await framesDuringFlood(80);
		// A leading frame, at most one per 80 ms window, and the trailing one (plus the 1 s clock).
		expect(frames).toBeLessThanOrEqual(Math.ceil(elapsedMs / 80) + 3);
		expect(frames).toBeLessThan(50);
	});

	it('would render every change without the throttle (the measure above can fail)', async () => {
		const {frames} = await framesDuringFlood(0);
		expect(frames).toBeGreaterThanOrEqual(100);
	});
});
