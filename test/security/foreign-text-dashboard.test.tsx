import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {loadConfig} from '../../source/core/config/load.js';
import {QueueStore} from '../../source/core/queue/queue-store.js';
import {listLocalBranches, readRepoInfo} from '../../source/core/service/repo-info.js';
import {SyncService} from '../../source/core/sync-service.js';
import {TrustStore} from '../../source/core/trust/trust-store.js';
import {App} from '../../source/ui/app.js';
import {onCleanup, tempDir, waitFor} from '../harness/index.js';
import {isolateProductGit} from '../harness/product-env.js';
import {hostileScene, stringsOf, terminalControl} from './hostile-scene.js';

/**
 * The dashboard path of "foreign text is inert": the real engine pushes to remotes whose hooks
 * print escapes, under the real Ink tree. The model already holds the words without the
 * sequences (they are stripped where git's output enters it), and every frame drawn shows the
 * words, the names with bidi shown escaped, and no sequence but ink's own colours.
 */

// ink's own colours and styles, the only sequences a frame may hold.
const inkStyle = /\u001B\[[\d;]*m/g;

isolateProductGit();

describe('the dashboard shows foreign text as words', () => {
	it('after push-all, in rows, the detail pane of each remote and the log', async () => {
		const {repo, branch, words: hookWords} = hostileScene();
		const config = await loadConfig({cwd: repo, env: {}, userConfigDir: tempDir('rst-user-')});
		const service = new SyncService({
			cwd: repo,
			config,
			repo: await readRepoInfo(repo),
			branch,
			localBranches: await listLocalBranches(repo),
			queue: await QueueStore.open(repo),
			trust: new TrustStore({cwd: tempDir('rst-trust-')}),
		});
		onCleanup(async () => service.dispose());
		const app = render(<App service={service} size={{columns: 200, rows: 60}} throttleMs={0} onExit={() => {}} />);
		onCleanup(() => app.unmount());
		const frame = () => app.lastFrame() ?? '';
		await waitFor(() => frame().includes('loud'), {message: 'the dashboard never drew its remotes'});
		await waitFor(() => service.getSnapshot().running === 0 && service.getSnapshot().statusAt !== undefined, {timeoutMs: 30_000});
		app.stdin.write('P');
		await waitFor(() => service.getSnapshot().remotes.every(row => row.lastResult?.kind === 'push'), {timeoutMs: 30_000, message: 'push all never finished'});
		await waitFor(() => service.getSnapshot().running === 0, {timeoutMs: 30_000});

		// The model: the words that entered it (results, git's output, the log) are already inert;
		// names stay as they are there (identifiers the UI acts on) and are escaped when drawn.
		const snapshot = service.getSnapshot();
		const words = snapshot.remotes.map(({lastResult}) => [lastResult?.message, lastResult?.error, lastResult?.output, lastResult?.wouldLose]);
		const modelText = stringsOf(words).concat(snapshot.log.map(entry => entry.text));
		expect(modelText.join('\n')).toContain('words five');
		expect(modelText.filter(text => terminalControl.test(text))).toEqual([]);

		app.stdin.write('@');
		app.stdin.write('\r');
		for (let row = 0; row < snapshot.remotes.length; row++) {
			const before = app.frames.length;
			app.stdin.write('j');
			await waitFor(() => app.frames.length > before, {timeoutMs: 3000}).catch(() => undefined);
		}

		await waitFor(() => app.frames.some(drawn => drawn.includes('words five')), {message: 'the detail pane never showed the hook output'});
		const everything = app.frames.map(drawn => drawn.replace(inkStyle, '')).join('\n');
		const at = everything.search(terminalControl);
		expect(at, `a frame drew a control byte: ${JSON.stringify(everything.slice(Math.max(0, at - 40), at + 40))}`).toBe(-1);
		expect(everything).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
		for (const word of hookWords.filter(word => word !== 'pushed to every remote')) expect(everything).toContain(word);
		expect(everything).toContain('✔ pushed to every remote');
		expect(everything).toContain('topic<U+202E>gnp.exe');
		expect(everything).toContain('nope');
	});
});
