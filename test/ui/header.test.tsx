import {describe, expect, it} from 'vitest';
import {StaticService, buildSnapshot, localSha} from './fixtures/static-service.js';
import {renderApp} from './helpers.js';

function headerOf(frame: string): string {
	return frame.split('\n')[0] ?? '';
}

describe('header (SPEC §5: repo, branch, local sha, VPN badges, DRY-RUN)', () => {
	it('names the repository, the branch and its short sha', async () => {
		const app = await renderApp(new StaticService(buildSnapshot()));
		expect(headerOf(app.frame())).toContain(`work on main @ ${localSha.slice(0, 7)}`);
	});

	it('marks dry-run, and drops the mark when dry-run ends', async () => {
		const service = new StaticService(buildSnapshot({dryRun: true}));
		const app = await renderApp(service);
		expect(headerOf(app.frame())).toContain('[DRY-RUN]');
		service.update(() => ({dryRun: false}));
		await app.waitForFrame((frame) => !frame.includes('DRY-RUN'));
	});

	it('shows a badge per VPN with its state', async () => {
		const vpns = [
			{name: 'corp', state: 'up-ours' as const},
			{name: 'lab', state: 'failed' as const, reason: 'connect_cmd exited 1'},
		];
		const app = await renderApp(new StaticService(buildSnapshot({vpns})));
		expect(headerOf(app.frame())).toMatch(/vpn corp:up \(ours\)\s+vpn lab:failed/);
	});

	it('says how old the status is', async () => {
		const service = new StaticService(buildSnapshot({statusAt: Date.now() - 12_000}));
		const app = await renderApp(service);
		expect(headerOf(app.frame())).toMatch(/status 1[23]s ago/);
		service.update(() => ({statusAt: Date.now() - 5 * 60_000}));
		await app.waitForFrame('status 5m ago');
	});

	it('says "status pending" before the first status, and starts the engine\'s live mode once', async () => {
		const service = new StaticService(buildSnapshot({statusAt: undefined}));
		const app = await renderApp(service);
		expect(headerOf(app.frame())).toContain('status pending');
		expect(service.callsOf('startLive')).toHaveLength(1);
		expect(service.callsOf('refreshStatus')).toHaveLength(0);
		app.unmount();
		expect(service.callsOf('stopLive')).toHaveLength(1);
	});

	it('shows when the last refresh ran, and that one is running', async () => {
		const service = new StaticService(buildSnapshot({refreshedAt: undefined, refreshing: true}));
		const app = await renderApp(service);
		expect(headerOf(app.frame())).toContain('refreshing…');
		service.update(() => ({refreshing: false, refreshedAt: Date.now() - 3 * 60_000}));
		await app.waitForFrame('refreshed 3m ago');
	});

	it('counts running operations and queued pushes', async () => {
		const queue = [{remote: 'origin', branch: 'main', sha: localSha, attempts: 1, lastError: 'timeout', queuedAt: '', lastAttemptAt: ''}];
		const app = await renderApp(new StaticService(buildSnapshot({running: 2, queue})));
		expect(headerOf(app.frame())).toMatch(/2 running\s+1 queued/);
	});
});
