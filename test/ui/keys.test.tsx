import {describe, expect, it} from 'vitest';
import {StaticService, buildSnapshot, gate} from './fixtures/static-service.js';
import {keys, renderApp, waitFor, type Rendered} from './helpers.js';

/** The row the cursor is on. */
function selectedName(app: Rendered): string | undefined {
	return /›\s+\S\s(\S+)/.exec(app.frame())?.[1];
}

async function dashboard() {
	const service = new StaticService(buildSnapshot());
	const app = await renderApp(service);
	return {service, app};
}

describe('keys (SPEC §5)', () => {
	it('↑↓ and j k move the cursor, stopping at both ends', async () => {
		const {app} = await dashboard();
		expect(selectedName(app)).toBe('origin');
		app.press(keys.down);
		await waitFor(() => selectedName(app) === 'backup');
		app.press('j');
		await waitFor(() => selectedName(app) === 'mirror');
		app.press('j');
		app.press(keys.up);
		await waitFor(() => selectedName(app) === 'backup');
		app.press('k');
		app.press('k');
		await waitFor(() => selectedName(app) === 'origin');
	});

	it('honours every key pressed faster than frames (j j p in one tick)', async () => {
		const {app, service} = await dashboard();
		app.press('j');
		app.press('j');
		app.press('p');
		await waitFor(() => service.callsOf('push').length === 1);
		expect(service.callsOf('push')[0]?.options).toEqual({remotes: ['mirror']});
	});

	it('honours keys that arrive in one chunk ("jjp", as tmux or a paste sends them)', async () => {
		const {app, service} = await dashboard();
		app.press('jjp');
		await waitFor(() => service.callsOf('push').length === 1);
		expect(service.callsOf('push')[0]?.options).toEqual({remotes: ['mirror']});
	});

	it('p pushes the selected remote when none is marked', async () => {
		const {app, service} = await dashboard();
		app.press('j');
		app.press('p');
		await waitFor(() => service.callsOf('push').length === 1);
		expect(service.callsOf('push')[0]?.options).toEqual({remotes: ['backup']});
	});

	it('space marks; p then pushes the marked remotes in row order; esc clears the marks', async () => {
		const {app, service} = await dashboard();
		app.press('j');
		app.press('j');
		app.press(keys.space);
		app.press('k');
		app.press(keys.space);
		await app.waitForFrame((frame) => /●\s+✓ mirror/.test(frame) && /●\s+✓ backup/.test(frame));
		app.press('p');
		await waitFor(() => service.callsOf('push').length === 1);
		expect(service.callsOf('push')[0]?.options).toEqual({remotes: ['backup', 'mirror']});
		app.press(keys.escape);
		await app.waitForFrame((frame) => !frame.includes('●'));
	});

	it('space on a marked remote unmarks it', async () => {
		const {app} = await dashboard();
		app.press(keys.space);
		await app.waitForFrame((frame) => /●\s+✓ origin/.test(frame));
		app.press(keys.space);
		await app.waitForFrame((frame) => !frame.includes('●'));
	});

	it('p and f with no remote to act on ask the engine nothing (an empty list could mean "all")', async () => {
		const service = new StaticService(buildSnapshot({remotes: []}));
		const app = await renderApp(service);
		app.press('p');
		app.press('f');
		app.press('d');
		await waitFor(() => service.callsOf('setDryRun').length === 1);
		expect(service.callsOf('push')).toHaveLength(0);
		expect(service.callsOf('fetch')).toHaveLength(0);
	});

	it('P pushes to all remotes', async () => {
		const {app, service} = await dashboard();
		app.press('P');
		await waitFor(() => service.callsOf('push').length === 1);
		expect(service.callsOf('push')[0]?.options).toEqual({allRemotes: true});
	});

	it('f fetches the selected (or marked) remotes, F fetches all', async () => {
		const {app, service} = await dashboard();
		app.press('f');
		await waitFor(() => service.callsOf('fetch').length === 1);
		expect(service.callsOf('fetch')[0]?.options).toEqual({remotes: ['origin']});
		app.press('j');
		app.press(keys.space);
		app.press('j');
		app.press(keys.space);
		app.press('f');
		await waitFor(() => service.callsOf('fetch').length === 2);
		expect(service.callsOf('fetch')[1]?.options).toEqual({remotes: ['backup', 'mirror']});
		app.press('F');
		await waitFor(() => service.callsOf('fetch').length === 3);
		expect(service.callsOf('fetch')[2]?.options).toEqual({remotes: undefined});
	});

	it('h checks the selected remote, or the marked ones, like p and f; H checks every remote', async () => {
		const {app, service} = await dashboard();
		app.press('j');
		app.press('h');
		await waitFor(() => service.callsOf('healthCheck').length === 1);
		expect(service.callsOf('healthCheck')[0]?.options).toEqual({remotes: ['backup']});
		app.press(keys.space);
		app.press('j');
		app.press(keys.space);
		app.press('h');
		await waitFor(() => service.callsOf('healthCheck').length === 2);
		expect(service.callsOf('healthCheck')[1]?.options).toEqual({remotes: ['backup', 'mirror']});
		app.press('H');
		await waitFor(() => service.callsOf('healthCheck').length === 3);
		expect(service.callsOf('healthCheck')[2]?.options).toEqual({remotes: undefined});
	});

	it('r retries the offline queue', async () => {
		const {app, service} = await dashboard();
		app.press('r');
		await waitFor(() => service.callsOf('processQueue').length === 1);
		await app.waitForFrame('queue: nothing to do');
	});

	it('d toggles dry-run, and the header follows', async () => {
		const {app, service} = await dashboard();
		app.press('d');
		await app.waitForFrame('[DRY-RUN]');
		app.press('d');
		await app.waitForFrame((frame) => !frame.includes('[DRY-RUN]'));
		expect(service.callsOf('setDryRun').map((call) => call.dryRun)).toEqual([true, false]);
	});

	it('b opens the branch picker: enter picks, and the header shows the new branch', async () => {
		const {app, service} = await dashboard();
		app.press('b');
		await app.waitForFrame('main (current)');
		app.press('j');
		await app.waitForFrame((frame) => /❯ develop/.test(frame));
		app.press(keys.enter);
		await waitFor(() => service.callsOf('setBranch').length === 1);
		expect(service.callsOf('setBranch')[0]?.branch).toBe('develop');
		await app.waitForFrame((frame) => (frame.split('\n')[0] ?? '').includes('work on develop'));
		expect(app.frame()).not.toContain('(current)');
	});

	it('b then esc cancels without switching; action keys do nothing while the picker is open', async () => {
		const {app, service} = await dashboard();
		app.press('b');
		await app.waitForFrame('main (current)');
		app.press('P');
		app.press(keys.escape);
		await app.waitForFrame((frame) => !frame.includes('(current)'));
		expect(service.callsOf('setBranch')).toHaveLength(0);
		expect(service.callsOf('push')).toHaveLength(0);
	});

	it('stays responsive while work runs: keys move and mark while a push is in flight', async () => {
		const {app, service} = await dashboard();
		service.hold = gate();
		app.press('P');
		await waitFor(() => service.callsOf('push').length === 1);
		app.press('j');
		app.press(keys.space);
		await app.waitForFrame((frame) => /›\s+●\s+✓ backup/.test(frame));
		app.press('d');
		await app.waitForFrame('[DRY-RUN]');
		service.hold.open();
		await app.waitForFrame('push: nothing to do');
	});

	it('shows what failed, and where to look, when the engine rejects an intent', async () => {
		const {app, service} = await dashboard();
		service.failWith = 'origin has no URL: git remote set-url origin URL';
		app.press('f');
		await app.waitForFrame('fetch failed: origin has no URL: git remote set-url origin URL');
		expect(app.frame()).toContain('(press @ for the log)');
	});

	it('shows the push summary and the engine notes', async () => {
		const {app, service} = await dashboard();
		service.pushAnswer = () => ({
			results: [],
			summary: {succeeded: 2, failed: 1, blocked: 0, skipped: 0, queued: 1},
			notes: ['no remote takes branch wip'],
			needsConfirmation: [],
		});
		app.press('P');
		await app.waitForFrame('push: 2 ok · 1 failed · 1 queued — no remote takes branch wip');
	});
});

describe('quit (q / Ctrl-C)', () => {
	it('quits at once when nothing runs', async () => {
		const service = new StaticService(buildSnapshot());
		let exits = 0;
		const app = await renderApp(service, {onExit: () => exits++});
		app.press('q');
		await waitFor(() => exits === 1);
		await app.waitForFrame('Stopping running work');
		app.press('q');
		expect(exits).toBe(1);
	});

	it('Ctrl-C quits like q', async () => {
		let exits = 0;
		const app = await renderApp(new StaticService(buildSnapshot()), {onExit: () => exits++});
		app.press(keys.ctrlC);
		await waitFor(() => exits === 1);
	});

	it('asks while work runs: n keeps working, q again quits', async () => {
		const service = new StaticService(buildSnapshot({running: 2}));
		let exits = 0;
		const app = await renderApp(service, {onExit: () => exits++});
		app.press('q');
		await app.waitForFrame('2 operations still running. Quit anyway?');
		app.press('n');
		await app.waitForFrame((frame) => !frame.includes('Quit anyway?'));
		expect(exits).toBe(0);
		app.press('q');
		await app.waitForFrame('Quit anyway?');
		app.press('q');
		await waitFor(() => exits === 1);
	});

	it('asks while work runs: y quits, and so does Ctrl-C; esc and enter keep working', async () => {
		const service = new StaticService(buildSnapshot({running: 1}));
		let exits = 0;
		const app = await renderApp(service, {onExit: () => exits++});
		app.press(keys.ctrlC);
		await app.waitForFrame('1 operation still running');
		app.press(keys.escape);
		await app.waitForFrame((frame) => !frame.includes('Quit anyway?'));
		app.press('q');
		await app.waitForFrame('Quit anyway?');
		app.press(keys.enter);
		await app.waitForFrame((frame) => !frame.includes('Quit anyway?'));
		app.press('q');
		await app.waitForFrame('Quit anyway?');
		app.press('y');
		await waitFor(() => exits === 1);

		let secondExits = 0;
		const second = await renderApp(new StaticService(buildSnapshot({running: 1})), {onExit: () => secondExits++});
		second.press('q');
		await second.waitForFrame('Quit anyway?');
		second.press(keys.ctrlC);
		await waitFor(() => secondExits === 1);
	});

	it('counts an intent the engine has not reported yet as running work', async () => {
		const service = new StaticService(buildSnapshot());
		service.hold = gate();
		let exits = 0;
		const app = await renderApp(service, {onExit: () => exits++});
		app.press('P');
		app.press('q');
		await app.waitForFrame('Quit anyway?');
		expect(exits).toBe(0);
		service.hold.open();
	});
});
