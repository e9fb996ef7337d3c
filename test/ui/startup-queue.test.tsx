import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {loadConfig} from '../../source/core/config/load.js';
import {QueueStore} from '../../source/core/queue/queue-store.js';
import {listLocalBranches, readRepoInfo} from '../../source/core/service/repo-info.js';
import {SyncService} from '../../source/core/sync-service.js';
import {TrustStore} from '../../source/core/trust/trust-store.js';
import {App} from '../../source/ui/app.js';
import {addBareRemote, commit, git, makeRepo, onCleanup, startRefusingPort, tempDir} from '../harness/index.js';
import {isolateProductGit} from '../harness/product-env.js';
import {stripAnsi} from './helpers.js';

isolateProductGit();

describe('dashboard: startup shows what is waiting', () => {
	it('the first frame shows the queue count of each remote and in the header', async () => {
		const repo = makeRepo();
		addBareRemote(repo, 'origin');
		const away = await startRefusingPort();
		git(repo, 'remote', 'add', 'away', away.url);
		git(repo, 'branch', 'dev');
		const sha = commit(repo, 'queued by an earlier run');
		const earlier = await QueueStore.open(repo);
		for (const branch of ['main', 'dev']) await earlier.enqueue({remote: 'away', branch, sha, error: 'unreachable'});

		const config = await loadConfig({cwd: repo, env: {}, userConfigDir: tempDir('rst-user-config-'), cli: {autoFetch: false}});
		const service = new SyncService({
			cwd: repo,
			config,
			repo: await readRepoInfo(repo),
			branch: 'main',
			localBranches: await listLocalBranches(repo),
			queue: await QueueStore.open(repo),
			trust: new TrustStore({cwd: tempDir('rst-trust-')}),
		});
		onCleanup(async () => service.dispose());
		const app = render(<App service={service} size={{columns: 120, rows: 30}} throttleMs={0} onExit={() => {}} />);
		onCleanup(() => app.unmount());

		// The very first frame: nothing has reloaded the queue yet.
		const first = stripAnsi(app.frames[0] ?? '');
		const row = (name: string) => first.split('\n').find(line => new RegExp(`\\s${name}\\s{2,}`).test(line) && !line.includes('details'));
		expect(row('away'), first).toMatch(/away\s+2 queued/);
		expect(row('origin'), first).not.toContain('queued');
		// The header's total.
		expect(first.split('\n')[0]).toContain('2 queued');
	});
});
