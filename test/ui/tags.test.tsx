import {describe, expect, it} from 'vitest';
import {StaticService, buildRow, buildSnapshot, localSha} from './fixtures/static-service.js';
import {keys, renderApp} from './helpers.js';

const status = (tags?: {missing: number; differ: string[]}) => ({remote: 'mirror', priority: 1, branch: 'main', state: 'in-sync' as const, ahead: 0, behind: 0, local: localSha, remoteSha: localSha, ...(tags ? {tags} : {})});

describe('dashboard: tags (SPEC §3)', () => {
	it('the row counts tags to push and tags elsewhere; the details name them and the policy', async () => {
		const row = buildRow('mirror', {tags: 'all', status: status({missing: 2, differ: ['v1.0']})});
		const app = await renderApp(new StaticService(buildSnapshot({remotes: [row]})));
		expect(await app.waitForFrame('mirror')).toContain('tags +2 ≠1');
		app.press(keys.enter);
		const frame = await app.waitForFrame('mirror details');
		expect(frame).toMatch(/tag policy\s+all \(every local tag\)/);
		expect(frame).toMatch(/tags\s+2 tags to push · v1\.0 points elsewhere there \(never overwritten\)/);
	});

	it('a remote whose tags were never looked at says so, and its row shows no count', async () => {
		const row = buildRow('mirror', {status: status()});
		const app = await renderApp(new StaticService(buildSnapshot({remotes: [row]})));
		expect(await app.waitForFrame('mirror')).not.toContain('tags +');
		app.press(keys.enter);
		expect(await app.waitForFrame('mirror details')).toMatch(/tags\s+tags never looked at \(fetch to see them\)/);
	});

	it('the last push lists the tags it sent and each tag it refused', async () => {
		const line = {remote: 'mirror', branch: 'main', tag: 'v1', status: 'blocked' as const, durationMs: 10, attempts: 1, message: 'Refusing to overwrite tag v1 on mirror: it points to aaaaaaa there, to bbbbbbb here'};
		const row = buildRow('mirror', {
			status: status({missing: 0, differ: []}),
			lastResult: {kind: 'push', remote: 'mirror', branch: 'main', status: 'pushed', durationMs: 10, attempts: 1, tags: ['v2'], tagResults: [line], finishedAt: Date.now()},
		});
		const app = await renderApp(new StaticService(buildSnapshot({remotes: [row]})));
		await app.waitForFrame('mirror');
		app.press(keys.enter);
		const frame = await app.waitForFrame('mirror details');
		expect(frame).toMatch(/tags sent\s+v2/);
		expect(frame).toMatch(/tag blocked\s+Refusing to overwrite tag v1 on mirror: it points to aaaaaaa there, to bbbbbbb here/);
	});
});
