import path from 'node:path';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {loadConfig} from '../../source/core/config/load.js';
import {QueueStore} from '../../source/core/queue/queue-store.js';
import {listLocalBranches, readRepoInfo} from '../../source/core/service/repo-info.js';
import {SyncService} from '../../source/core/sync-service.js';
import {TrustStore} from '../../source/core/trust/trust-store.js';
import {App} from '../../source/ui/app.js';
import {commit, onCleanup, tempDir, waitFor} from '../harness/index.js';
import {leaked, leakScene} from './leak-scene.js';
import {isolateProductGit} from '../harness/product-env.js';

/**
 * The dashboard path of the secrets promise: the real engine (real git, real servers) under
 * the real Ink tree, driven by keys. Every frame it ever drew — rows, the detail pane of each
 * remote with git's output, the log pane — is scanned for the scene's credentials.
 */

const ansi = /\u001B\[[0-9;?]*[ -/]*[@-~]/g;

isolateProductGit();

describe('the dashboard never shows a credential', () => {
	it('after push-all, a health check and a fetch, in every row, detail pane and log line', async () => {
		const {repo, xdg, secrets} = await leakScene();
		commit(repo, 'dashboard work');
		const config = await loadConfig({cwd: repo, env: {}, userConfigDir: path.join(xdg, 'remote-sync')});
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
		const app = render(<App service={service} size={{columns: 180, rows: 60}} throttleMs={0} onExit={() => {}} />);
		onCleanup(() => app.unmount());
		const frame = () => (app.lastFrame() ?? '').replace(ansi, '');
		const idle = async (what: string) => {
			// The key's work starts asynchronously: wait for it to start, then to end.
			await waitFor(() => service.getSnapshot().log.length > logLength, {timeoutMs: 10_000, message: `${what} never started`});
			await waitFor(() => service.getSnapshot().running === 0, {timeoutMs: 30_000, message: `${what} never finished`});
			logLength = service.getSnapshot().log.length;
		};

		await waitFor(() => frame().includes('http-auth'), {message: 'the dashboard never drew its remotes'});
		await waitFor(() => service.getSnapshot().running === 0 && service.getSnapshot().statusAt !== undefined, {timeoutMs: 30_000});
		let logLength = service.getSnapshot().log.length;
		for (const [key, what] of [['P', 'push all'], ['h', 'health check'], ['F', 'fetch all']] as const) {
			app.stdin.write(key);
			await idle(what);
		}

		// Open the log, then walk every row with its detail pane open.
		app.stdin.write('@');
		app.stdin.write('\r');
		for (let row = 0; row < service.getSnapshot().remotes.length; row++) {
			const before = app.frames.length;
			app.stdin.write('j');
			await waitFor(() => app.frames.length > before, {timeoutMs: 3000}).catch(() => undefined);
		}

		const everything = app.frames.map(drawn => drawn.replace(ansi, '')).join('\n');
		// It really drew what could have leaked: the remotes, git's words, the VPN.
		expect(everything).toContain('guarded');
		expect(everything).toMatch(/hook/);
		expect(everything).toContain('corp');
		// URLs with credentials are shown, redacted: the detail pane was really drawn.
		expect(everything).toContain('***@127.0.0.1');
		expect(leaked(everything, secrets), 'a frame showed a credential').toEqual([]);
		const logged = service.getSnapshot().log.map(entry => entry.text).join('\n');
		expect(leaked(logged, secrets), 'the log holds a credential').toEqual([]);
	});
});
