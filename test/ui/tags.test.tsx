import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {loadConfig} from '../../source/core/config/load.js';
import {listLocalBranches, readRepoInfo} from '../../source/core/service/repo-info.js';
import {SyncService} from '../../source/core/sync-service.js';
import {TrustStore} from '../../source/core/trust/trust-store.js';
import {App} from '../../source/ui/app.js';
import {addBareRemote, commit, git, makeRepo, onCleanup, tempDir} from '../harness/index.js';
import {isolateProductGit} from '../harness/product-env.js';
import {StaticService, buildRow, buildSnapshot, localSha} from './fixtures/static-service.js';
import {keys, renderApp, stripAnsi, waitFor} from './helpers.js';

isolateProductGit();

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

describe('dashboard: tags from a real fetch', () => {
	it('no count before the first fetch; after F the row and details show what the remote lacks and has elsewhere', async () => {
		const repo = makeRepo();
		const bare = addBareRemote(repo, 'mirror');
		git(bare, 'update-ref', 'refs/tags/v1', git(bare, 'rev-parse', 'refs/heads/main'));
		commit(repo, 'release');
		git(repo, 'tag', '-a', 'v1', '-m', 'ours');
		git(repo, 'tag', '-a', 'v2', '-m', 'two');
		const config = await loadConfig({cwd: repo, env: {}, userConfigDir: tempDir('rst-user-config-'), cli: {autoFetch: false}});
		const service = new SyncService({cwd: repo, config, repo: await readRepoInfo(repo), branch: 'main', localBranches: await listLocalBranches(repo), trust: new TrustStore({cwd: tempDir('rst-trust-')})});
		onCleanup(async () => service.dispose());
		const app = render(<App service={service} size={{columns: 100, rows: 30}} throttleMs={0} onExit={() => {}} />);
		onCleanup(() => app.unmount());
		const frame = () => stripAnsi(app.lastFrame() ?? '');
		const row = () => frame().split('\n').find(line => /\smirror\s/.test(line) && !line.includes('details')) ?? '';

		await waitFor(() => row().includes('↑1'), frame);
		expect(row()).not.toContain('tags');
		app.stdin.write('F');
		await waitFor(() => row().includes('tags +1 ≠1') && frame().includes('fetch: 1 ok'), frame);
		await new Promise(resolve => setTimeout(resolve, 0));
		app.stdin.write(keys.enter);
		await waitFor(() => /tags\s+1 tag to push · v1 points elsewhere there \(never overwritten\)/.test(frame()), frame);
	});
});
