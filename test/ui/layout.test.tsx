import {describe, expect, it} from 'vitest';
import {App} from '../../source/ui/app.js';
import {layoutFor} from '../../source/ui/layout.js';
import {StaticService, buildRow, buildSnapshot, emptyReport, rowInState, unreachableRow} from './fixtures/static-service.js';
import {keys, renderSized} from './helpers.js';

/** A busy, worst-case dashboard: long names, VPNs, queue, errors, work in progress, a big log. */
function busyService(): StaticService {
	const remotes = [
		buildRow('origin', {activity: {id: '1', kind: 'push', startedAt: 0, progress: {phase: 'writing', percent: 62, bytesPerSecond: 1_258_291}}}),
		buildRow('github-enterprise-mirror', {
			vpn: {name: 'corp-vpn', state: 'up-ours'},
			queued: 12,
			health: {name: 'github-enterprise-mirror', reachable: true, class: 'reachable', latencyMs: 187},
		}),
		rowInState('gitlab', 'diverged'),
		unreachableRow('backup-server-in-the-basement'),
		buildRow('internal', {
			lastResult: {kind: 'push', remote: 'internal', branch: 'main', status: 'failed', durationMs: 30_000, attempts: 4, error: 'timed out after 30s waiting for the remote; the push was queued and will be retried when the remote is reachable again', finishedAt: 0},
		}),
	];
	return new StaticService(
		buildSnapshot({
			repo: {root: '/tmp/a-repository-with-a-rather-long-name', name: 'a-repository-with-a-rather-long-name', branch: 'feature/an-equally-long-branch-name', branches: ['main']},
			dryRun: true,
			vpns: [{name: 'corp-vpn', state: 'up-ours'}, {name: 'lab', state: 'failed'}],
			remotes,
			divergence: [{branch: 'feature/an-equally-long-branch-name', remotes: ['origin', 'gitlab']}],
			running: 1,
			writing: 1,
			log: Array.from({length: 80}, (_, index) => ({at: 0, level: 'info' as const, text: `git push --porcelain --progress remote-${index} refs/heads/main:refs/heads/main`, durationMs: 1000 + index})),
		}),
	);
}

function expectFits(frame: string, columns: number, rows: number): void {
	const lines = frame.split('\n');
	// One row shorter than the terminal: ink redraws the whole screen once output fills it.
	expect(lines.length).toBe(rows - 1);
	for (const line of lines) expect([...line].length, `too wide: ${JSON.stringify(line)}`).toBeLessThanOrEqual(columns);
}

describe('layout', () => {
	it('plans one column at 80×24 and list + details side by side at 200×60', () => {
		const small = layoutFor({columns: 80, rows: 24, listLines: 6});
		expect(small).toMatchObject({width: 80, height: 23, wide: false});
		expect(small.detail).toBeUndefined();
		expect(small.log).toBeUndefined();

		const big = layoutFor({columns: 200, rows: 60, listLines: 6});
		expect(big).toMatchObject({width: 200, height: 59, wide: true});
		expect(big.list.width + 2 + (big.detail?.width ?? 0)).toBe(200);
		expect(big.log?.height).toBeGreaterThan(3);
	});

	it('is readable at 80×24: header, every remote, status and footer, nothing wider than 80', async () => {
		const service = busyService();
		const app = renderSized(<App service={service} onExit={() => {}} throttleMs={0} />, {columns: 80, rows: 24});
		const frame = await app.waitForFrame('a-repository');
		expectFits(frame, 80, 24);
		for (const row of service.getSnapshot().remotes) expect(frame).toContain(row.name.slice(0, 10));
		expect(frame).toContain('[DRY-RUN]');
		expect(frame.split('\n').at(-1)).toMatch(/\? help\s+q quit$/);

		app.press(keys.enter);
		const withDetails = await app.waitForFrame('origin details');
		expectFits(withDetails, 80, 24);
		app.press('@');
		const withLog = await app.waitForFrame('newest last');
		expectFits(withLog, 80, 24);
		app.press('?');
		expectFits(await app.waitForFrame('Keys'), 80, 24);
	});

	it('fits its dialogs into 80×24', async () => {
		const service = busyService();
		service.pushAnswer = () => ({...emptyReport(), needsConfirmation: [{remote: 'github-enterprise-mirror', branch: 'feature/an-equally-long-branch-name', wouldLose: Array.from({length: 12}, (_, index) => `abcdef${index} a commit subject that goes on and on and on, well past the edge of an 80 column terminal`)}]});
		const app = renderSized(<App service={service} onExit={() => {}} throttleMs={0} />, {columns: 80, rows: 24});
		await app.waitForFrame('a-repository');
		app.press('P');
		expectFits(await app.waitForFrame('… and 4 more'), 80, 24);
		app.press('n');
		await app.waitForFrame((frame) => !frame.includes('more'));
		app.press('q');
		expectFits(await app.waitForFrame('Quit anyway?'), 80, 24);
	});

	it('uses the space at 200×60: list and details side by side, and the log', async () => {
		const service = busyService();
		const app = renderSized(<App service={service} onExit={() => {}} throttleMs={0} />, {columns: 200, rows: 60});
		const frame = await app.waitForFrame('origin details');
		expectFits(frame, 200, 60);
		// The selected row and a detail field share a line.
		expect(frame.split('\n').some((line) => /✓ origin .*url\s+https:\/\/example\.test\/origin\.git/.test(line))).toBe(true);
		expect(frame).toContain('newest last');
		expect(frame).toContain('remote-79');
	});

	it('follows a resize from 200×60 down to 80×24', async () => {
		const app = renderSized(<App service={busyService()} onExit={() => {}} throttleMs={0} />, {columns: 200, rows: 60});
		await app.waitForFrame('origin details');
		app.resize({columns: 80, rows: 24});
		const frame = await app.waitForFrame((text) => !text.includes('origin details'));
		expectFits(frame, 80, 24);
	});
});
