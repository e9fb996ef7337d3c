import {describe, expect, it} from 'vitest';
import type {RemoteRow} from '../../source/core/snapshot.js';
import {staleLabel} from '../../source/ui/components/remote-row-view.js';
import {StaticService, buildRow, buildSnapshot, gate, localSha} from './fixtures/static-service.js';
import {renderApp, waitFor} from './helpers.js';

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

function staleRow(name: string, fetchError: NonNullable<NonNullable<RemoteRow['status']>['fetchError']>, fetchedAt?: string): RemoteRow {
	return buildRow(name, {
		status: {remote: name, priority: 1, branch: 'main', state: 'behind', ahead: 0, behind: 2, local: localSha, remoteSha: localSha, fetchedAt, stale: true, fetchError},
		lastResult: {remote: name, branch: '*', status: 'failed', durationMs: 10_000, attempts: 1, kind: 'fetch', finishedAt: Date.now(), errorClass: fetchError.class, error: fetchError.message},
	});
}

describe('live rows (SPEC §3 "every state carries its age", §5 "Live")', () => {
	it('a row whose fetch failed keeps its last known state, with the age of its refs and the failure', async () => {
		const rows = [
			staleRow('hung', {class: 'timeout', message: 'no answer for 10 s'}, hoursAgo(3)),
			staleRow('locked', {class: 'auth-failed', message: 'the remote wants credentials'}, hoursAgo(26)),
			staleRow('never', {class: 'unreachable', message: 'connection refused'}),
		];
		const app = await renderApp(new StaticService(buildSnapshot({remotes: rows})), {size: {columns: 118, rows: 30}});
		const frame = app.frame();
		const line = (name: string) => frame.split('\n').find((candidate) => new RegExp(`[✓↑↓⇅+?·✗] ${name}\\s`).test(candidate)) ?? '';
		expect(line('hung')).toContain('↓2');
		expect(line('hung')).toContain('refs from 3h ago · fetch timed out');
		expect(line('locked')).toContain('refs from 1d ago · fetch auth-failed: the remote wants credentials');
		expect(line('never')).toContain('refs never fetched · fetch unreachable');
	});

	it('computes the label from the status (the same text the row shows)', () => {
		const now = Date.parse('2026-01-01T12:00:00Z');
		expect(staleLabel({remote: 'o', priority: 1, branch: 'main', state: 'in-sync', ahead: 0, behind: 0, fetchedAt: '2026-01-01T11:59:30Z', stale: true, fetchError: {class: 'timeout', message: 'x'}}, now)).toBe('refs from 30s ago · fetch timed out');
	});

	it('says why a branch is unknown when the remote\'s fetch refspec does not fetch it', async () => {
		const row = buildRow('narrow', {status: {remote: 'narrow', priority: 1, branch: 'topic', state: 'unknown', ahead: 0, behind: 0, local: localSha, unknownReason: 'not-in-refspec'}});
		const app = await renderApp(new StaticService(buildSnapshot({remotes: [row]})), {size: {columns: 118, rows: 30}});
		expect(app.frame()).toContain("fetch refspec does not fetch this branch");
	});

	it('R refreshes now through the engine, and quitting during it does not ask', async () => {
		const service = new StaticService(buildSnapshot());
		service.hold = gate();
		let exits = 0;
		const app = await renderApp(service, {onExit: () => exits++});
		app.press('R');
		await waitFor(() => service.callsOf('refreshNow').length === 1);
		service.update(() => ({running: 3, refreshing: true}));
		await app.waitForFrame('refreshing…');
		app.press('q');
		await waitFor(() => exits === 1);
		expect(app.frame()).not.toContain('Quit anyway?');
		service.hold.open();
	});
});
