import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {git, makeBare, makeRepo, tempDir} from '../harness/index.js';
import {binAs, binPaths} from '../cli/run-cli.js';
import {rowOf} from './fixture.js';
import {openTerminal, quitDashboard} from './tmux.js';

/**
 * Each bin file decides its own mode (issue 16): `node <file>` — what a Windows cmd shim and a
 * pnpm shim run — and a link under any other name behave like the installed command.
 */
function repoWithRemote(): {repo: string; env: Record<string, string>} {
	const repo = makeRepo();
	const bare = makeBare();
	git(repo, 'remote', 'add', 'mirror', bare);
	git(repo, 'push', '-q', 'mirror', 'main');
	// No background fetch: quitting then never has work to ask about.
	writeFileSync(path.join(repo, '.remotesyncrc.json'), JSON.stringify({auto_fetch: false}));
	const home = tempDir('rst-bins-home-');
	return {repo, env: {CI: 'false', HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), NO_COLOR: '1'}};
}

// The header with the local sha, and the remote's row: the dashboard, not the headless text.
const dashboardShown = (repo: string) => (screen: string) => screen.includes(`${path.basename(repo)} on main @ `) && rowOf(screen, 'mirror') !== '';

describe('the two bins', () => {
	it('node <remote-sync-tui bin file> opens the dashboard', async () => {
		const {repo, env} = repoWithRemote();
		const terminal = await openTerminal(`${process.execPath} ${binPaths['remote-sync-tui']}`, {cwd: repo, columns: 120, rows: 30, env});
		await terminal.waitFor(dashboardShown(repo), {timeoutMs: 30_000, message: 'no dashboard with the mirror row'});
		await quitDashboard(terminal);
		expect(terminal.exitStatus()).toBe(0);
	});

	it('the dashboard bin under another name (a shim) still opens the dashboard', async () => {
		const {repo, env} = repoWithRemote();
		const terminal = await openTerminal(`${process.execPath} ${binAs('remote-sync-tui', 'rst-shim')}`, {cwd: repo, columns: 120, rows: 30, env});
		await terminal.waitFor(dashboardShown(repo), {timeoutMs: 30_000, message: 'no dashboard through the renamed link'});
		await quitDashboard(terminal);
	});

	it('the headless bin named remote-sync-tui stays headless: the status as text on a terminal', async () => {
		const {repo, env} = repoWithRemote();
		const terminal = await openTerminal(`${process.execPath} ${binAs('remote-sync', 'remote-sync-tui')}`, {cwd: repo, columns: 120, rows: 30, env});
		await terminal.waitFor(() => terminal.exited(), {timeoutMs: 30_000, message: 'the headless status did not end'});
		expect(terminal.history()).toContain('Sync Status Dashboard');
		expect(terminal.exitStatus()).toBe(0);
	});
});
