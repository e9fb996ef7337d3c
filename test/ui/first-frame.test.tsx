import {describe, expect, it, vi} from 'vitest';
import {loadDashboard, openDashboard} from '../../source/cli/open-dashboard.js';
import {enterAltScreen} from '../../source/ui/alternate-screen.js';
import {git} from '../harness/index.js';
import {dashboardService, fetchedLongAgo, isolateProductGit} from '../core/service/helpers.js';
import {FakeStdin, SizedStdout, stripAnsi, waitFor} from './helpers.js';

isolateProductGit();

// This stands for a real terminal: ink decides at import whether CI=true means "no live frames,
// print at exit" (the program clears that guess before it loads the dashboard, open-dashboard.ts),
// and the helpers load ink before any test runs. CI runs this suite with CI=true.
vi.hoisted(() => {
	delete process.env.CI;
	delete process.env.CONTINUOUS_INTEGRATION;
});

describe('the first dashboard frame (SPEC §5)', () => {
	it('already has the local sha and every row\'s state from the tracking refs', async () => {
		const repo = fetchedLongAgo();
		const service = await dashboardService(repo);
		const stdout = new SizedStdout(120, 40);
		const stdin = new FakeStdin();
		const io = {stdout, stdin, stderr: new SizedStdout(120, 40), env: {}} as unknown as Parameters<typeof openDashboard>[0]['io'];
		// Loaded before: nothing but the state read can hold the first frame back. The wait is
		// generous: this is about what the first frame holds, not how soon it comes.
		const loading = loadDashboard();
		await loading;
		const exit = openDashboard({loading, service, io, stateWaitMs: 60_000});

		await waitFor(() => stdout.frames.some(frame => frame.includes('remote')), () => stdout.frames.join(''), 30_000);
		const [screen, first] = stdout.frames.filter(frame => frame.trim().length > 0);
		expect(screen?.startsWith(enterAltScreen)).toBe(true);
		const text = stripAnsi(first ?? '');
		expect(text).toContain(`@ ${git(repo, 'rev-parse', '--short=7', 'main')}`);
		for (const state of ['diverged', 'behind', 'ahead', 'in sync']) expect(text).toContain(state);
		expect(text).not.toMatch(/reading…|status pending/);

		await waitFor(() => stdin.listenerCount('readable') > 0, () => 'the dashboard never listened to keys', 30_000);
		stdin.write('q');
		await expect(exit).resolves.toBe(0);
	});
});
