import {describe, expect, it} from 'vitest';
import type {PendingConfirmation} from '../../source/core/snapshot.js';
import {StaticService, buildRow, buildSnapshot, emptyReport, localSha, rowInState} from './fixtures/static-service.js';
import {keys, renderApp} from './helpers.js';

/** branch_map in the dashboard (SPEC §2, §5): the row, the detail pane and the force confirmation name the remote's branch. */

const legacy = buildRow('legacy', {
	branchMap: [
		['main', 'master'],
		['dev', 'develop'],
	],
	status: {remote: 'legacy', priority: 1, branch: 'main', remoteBranch: 'master', state: 'in-sync', ahead: 0, behind: 0, local: localSha, remoteSha: localSha},
	lastResult: {kind: 'push', remote: 'legacy', branch: 'main', remoteBranch: 'master', status: 'pushed', durationMs: 900, attempts: 1, message: 'Successfully pushed main to legacy as master', finishedAt: Date.now()},
});

describe('branch_map in the dashboard', () => {
	it("the row shows the branch's name on that remote, and only where it differs", async () => {
		const app = await renderApp(new StaticService(buildSnapshot({remotes: [legacy, rowInState('origin', 'in-sync')]})));
		const lines = app.frame().split('\n');
		expect(lines.find(line => / legacy\s/.test(line))).toContain('→ master');
		expect(lines.find(line => / origin\s/.test(line))).not.toContain('→');
	});

	it('the detail pane shows the map, the state and the last result as main → master', async () => {
		const app = await renderApp(new StaticService(buildSnapshot({remotes: [legacy]})));
		app.press(keys.enter);
		const frame = await app.waitForFrame('legacy details');
		expect(frame).toMatch(/branch map\s+main → master, dev → develop/);
		expect(frame).toMatch(/state\s+✓ in sync ↑0 ↓0 · main → master local/);
		expect(frame).toMatch(/last\s+push pushed main → master · 900ms/);
	});

	it('a force confirmation names the branch it would replace on the remote', async () => {
		const service = new StaticService(buildSnapshot({remotes: [legacy]}));
		const confirmation: PendingConfirmation = {remote: 'legacy', branch: 'main', remoteBranch: 'master', wouldLose: ['9f8e7d6 teammate work']};
		service.pushAnswer = () => ({...emptyReport(), needsConfirmation: [confirmation]});
		const app = await renderApp(service);
		app.press('P');
		await app.waitForFrame('Force-push main → master to legacy?');
	});
});
