import {describe, expect, it} from 'vitest';
import type {SyncState} from '../../source/core/model.js';
import type {RemoteRow} from '../../source/core/snapshot.js';
import {App} from '../../source/ui/app.js';
import {StaticService, buildRow, buildSnapshot, localSha, remoteSha, rowInState, unreachableRow} from './fixtures/static-service.js';
import {renderApp, renderSized} from './helpers.js';

function lineOf(frame: string, name: string): string {
	const line = frame.split('\n').find((candidate) => new RegExp(`[✓↑↓⇅+?·✗] ${name}\\s`).test(candidate));
	if (!line) throw new Error(`no row for ${name} in:\n${frame}`);
	return line;
}

const writing = (percent: number, bytesPerSecond?: number): Partial<RemoteRow> => ({
	activity: {id: 'op-1', kind: 'push', branch: 'main', startedAt: 0, progress: {phase: 'writing', percent, bytesPerSecond}},
});

describe('remote rows (SPEC §5)', () => {
	const glyphs: Array<[SyncState, string]> = [
		['in-sync', '✓'],
		['ahead', '↑'],
		['behind', '↓'],
		['diverged', '⇅'],
		['missing', '+'],
		['unknown', '?'],
		['filtered', '·'],
	];

	it('shows one state glyph per sync state, and ✗ for an unreachable remote', async () => {
		const rows = [...glyphs.map(([state]) => rowInState(`r-${state}`, state)), unreachableRow('r-down')];
		const app = await renderApp(new StaticService(buildSnapshot({remotes: rows})));
		const frame = app.frame();
		for (const [state, glyph] of glyphs) expect(lineOf(frame, `r-${state}`)).toMatch(new RegExp(`\\s${glyph.replace(/[?+]/, '\\$&')} r-${state}\\s`));
		expect(lineOf(frame, 'r-down')).toMatch(/✗ r-down\s.*unreachable: could not connect/);
	});

	it('shows ahead/behind counts and short local/remote shas', async () => {
		const app = await renderApp(new StaticService(buildSnapshot({remotes: [rowInState('backup', 'diverged')]})));
		expect(lineOf(app.frame(), 'backup')).toMatch(new RegExp(`↑1 ↓4\\s+${localSha.slice(0, 7)} ${remoteSha.slice(0, 7)}`));
	});

	it('shows latency, the VPN state inline and the queued count', async () => {
		const row = buildRow('internal', {
			health: {name: 'internal', reachable: true, class: 'reachable', latencyMs: 23},
			vpn: {name: 'corp', state: 'connecting'},
			queued: 2,
		});
		const app = await renderApp(new StaticService(buildSnapshot({remotes: [row]})));
		expect(lineOf(app.frame(), 'internal')).toMatch(/23ms\s+corp:connecting\s+2 queued/);
	});

	it('shows phase, a progress bar with percent and the rate while a push writes', async () => {
		const service = new StaticService(buildSnapshot({remotes: [buildRow('origin', writing(62, 1.2 * 1024 * 1024))]}));
		const app = await renderApp(service);
		const line = lineOf(app.frame(), 'origin');
		expect(line).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] writing [█░]+ 62% 1\.2 MiB\/s/);
		const bar = /writing ([█░]+)/.exec(line)?.[1] ?? '';
		expect(bar.split('█').length - 1).toBe(Math.round(0.62 * bar.length));
		service.updateRow('origin', writing(100, 512));
		await app.waitForFrame(`writing ${'█'.repeat(bar.length)} 100% 512 B/s`);
	});

	it('uses a wider bar on a wide terminal, filled in proportion', async () => {
		const service = new StaticService(buildSnapshot({remotes: [buildRow('origin', writing(62, 2048))]}));
		const app = renderSized(<App service={service} onExit={() => {}} throttleMs={0} />, {columns: 200, rows: 60});
		const frame = await app.waitForFrame('62% 2.0 KiB/s');
		const bar = /writing ([█░]+) 62%/.exec(lineOf(frame, 'origin'))?.[1] ?? '';
		expect(bar.length).toBeGreaterThan(10);
		expect(bar.length).toBeLessThanOrEqual(30);
		expect(bar).toMatch(/^█+░+$/);
		expect(bar.split('█').length - 1).toBe(Math.round(0.62 * bar.length));
	});

	it('shows the phase alone, with a spinner, before git reports a percentage', async () => {
		const service = new StaticService(buildSnapshot({remotes: [buildRow('origin', {activity: {id: 'x', kind: 'push', startedAt: 0, progress: {phase: 'connecting'}}})]}));
		const app = await renderApp(service);
		const line = lineOf(app.frame(), 'origin');
		expect(line).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] connecting\s*$/);
		expect(line).not.toMatch(/[█░]/);
	});

	it('shows the last result once the work is done', async () => {
		const service = new StaticService(buildSnapshot({remotes: [buildRow('origin', writing(99)), buildRow('backup')]}));
		const app = await renderApp(service);
		service.updateRow('origin', {activity: undefined, lastResult: {kind: 'push', remote: 'origin', branch: 'main', status: 'pushed', durationMs: 1234, attempts: 1, finishedAt: Date.now()}});
		service.updateRow('backup', {lastResult: {kind: 'push', remote: 'backup', branch: 'main', status: 'failed', durationMs: 3000, attempts: 4, error: 'timed out after 30s', finishedAt: Date.now()}});
		const frame = await app.waitForFrame('push failed');
		expect(lineOf(frame, 'origin')).toMatch(/push pushed 1\.2s/);
		expect(lineOf(frame, 'backup')).toMatch(/push failed 3\.0s timed out after 30s/);
		expect(frame).not.toContain('writing');
	});

	it('names remotes that diverged from each other', async () => {
		const snapshot = buildSnapshot({divergence: [{branch: 'main', remotes: ['origin', 'backup']}]});
		const app = await renderApp(new StaticService(snapshot));
		expect(app.frame()).toContain('⇅ origin and backup have diverged from each other on main');
	});

	it('scrolls to keep the selected remote visible when there are more remotes than rows', async () => {
		const rows = Array.from({length: 40}, (_, index) => buildRow(`remote-${String(index).padStart(2, '0')}`));
		const app = await renderApp(new StaticService(buildSnapshot({remotes: rows})), {size: {columns: 100, rows: 24}});
		expect(app.frame()).not.toContain('remote-39');
		for (let index = 0; index < 39; index++) app.press('j');
		const frame = await app.waitForFrame((text) => /›\s+✓ remote-39/.test(text));
		expect(frame).toMatch(/\d+-40 of 40/);
		expect(frame).not.toContain('remote-00');
	});

	it('says what to do when there is no remote', async () => {
		const app = await renderApp(new StaticService(buildSnapshot({remotes: []})));
		expect(app.frame()).toContain('git remote add NAME URL');
	});
});

describe('untrusted VPN notice', () => {
	it('names the VPN once and the exact trust command, however many remotes use it', async () => {
		const reason = 'vpn "corp": commands from /repo/ops.json are not trusted; review them and run: remote-sync trust --config ops.json';
		const rows = [
			buildRow('a', {vpn: {name: 'corp', state: 'untrusted', reason}}),
			buildRow('b', {vpn: {name: 'corp', state: 'untrusted', reason}}),
			buildRow('c', {vpn: {name: 'home', state: 'up'}}),
		];
		const app = await renderApp(new StaticService(buildSnapshot({remotes: rows})));
		await app.waitForFrame((frame) => frame.includes('remote-sync trust --config ops.json'));
		expect(app.frame().match(/vpn corp: its commands are not trusted/g)).toHaveLength(1);
		expect(app.frame()).not.toMatch(/vpn home: its commands/);
	});
});

describe('an untrusted destination (SPEC §2)', () => {
	it('is shown "untrusted, not pushed" with the trust command, whatever its old state and last result', async () => {
		const untrusted = 'untrusted, not pushed: the url of mirror comes only from /r/.remotesyncrc.json, which you have not trusted; review it and run: remote-sync trust';
		const row = buildRow('mirror', {
			...rowInState('mirror', 'ahead'),
			untrusted,
			health: {name: 'mirror', reachable: false, class: 'untrusted', latencyMs: 0, error: untrusted},
		});
		const app = await renderApp(new StaticService(buildSnapshot({remotes: [row]})), {size: {columns: 200, rows: 30}});
		// The row (left) and the detail pane's trust line (right) both say it.
		expect(app.frame()).toMatch(/⊘ mirror\s.*untrusted, not pushed: the url of mirror/);
		expect(app.frame()).toMatch(/trust\s*untrusted, not pushed/);
	});
});
