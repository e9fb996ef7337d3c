import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {commit, git, makeBare, makeRepo, tempDir} from '../harness/index.js';
import {cliPath} from '../cli/run-cli.js';
import {openTerminal} from './tmux.js';

/** The name on the row the cursor (›) is on. */
function selected(screen: string): string | undefined {
	return /^›\s+\S?\s*\S\s(remote-\d+)/m.exec(screen)?.[1];
}

describe('dashboard navigation at 80×24 with 40 remotes (tmux)', () => {
	it('G/g, PgDn, / filter, a mark all and the log pane, in a real terminal', async () => {
		const repo = makeRepo();
		commit(repo, 'one');
		const bare = makeBare();
		git(repo, 'push', '-q', bare, 'main');
		for (let index = 1; index <= 40; index++) git(repo, 'remote', 'add', `remote-${String(index).padStart(2, '0')}`, bare);
		const home = tempDir('rst-home-');
		const terminal = await openTerminal(`${process.execPath} ${cliPath} --tui --no-fetch`, {
			cwd: repo,
			columns: 80,
			rows: 24,
			env: {CI: 'false', HOME: home, XDG_CONFIG_HOME: path.join(home, '.config')},
		});
		await terminal.waitFor(screen => selected(screen) === 'remote-01' && /of 40/.test(screen), {timeoutMs: 30_000, message: 'the dashboard never showed the first remote'});
		terminal.press('G');
		await terminal.waitFor(screen => selected(screen) === 'remote-40', {timeoutMs: 15_000, message: 'G did not reach the last remote'});
		terminal.press('g');
		await terminal.waitFor(screen => selected(screen) === 'remote-01', {timeoutMs: 15_000, message: 'g did not reach the first remote'});
		terminal.press('PageDown');
		await terminal.waitFor(screen => Number(selected(screen)?.slice(-2)) > 3, {timeoutMs: 15_000, message: 'PgDn did not move a page'});
		terminal.press('/');
		await terminal.waitFor(screen => screen.includes('filter: ▌'), {timeoutMs: 15_000, message: '/ did not open the filter'});
		terminal.type('17');
		await terminal.waitFor(screen => screen.includes('filter: 17▌'), {timeoutMs: 15_000, message: 'the typed text did not reach the filter'});
		terminal.press('Enter');
		await terminal.waitFor(screen => selected(screen) === 'remote-17' && !screen.includes('remote-01'), {timeoutMs: 15_000, message: 'the filter did not narrow the list'});
		terminal.press('Escape');
		await terminal.waitFor(screen => /of 40/.test(screen) && !screen.includes('filter:'), {timeoutMs: 15_000, message: 'esc did not clear the filter'});
		terminal.press('a');
		await terminal.waitFor(screen => screen.includes('● remote-01, remote-02, remote-03'), {timeoutMs: 15_000, message: 'a did not mark the remotes'});
		terminal.press('@');
		await terminal.waitFor(screen => screen.includes('esc back'), {timeoutMs: 15_000, message: '@ did not focus the log'});
		terminal.press('q');
		await terminal.waitFor(() => terminal.exited(), {timeoutMs: 20_000, message: 'q did not quit'});
		expect(terminal.exitStatus()).toBe(0);
	});
});
