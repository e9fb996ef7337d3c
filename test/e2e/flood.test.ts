import {execFileSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {cliPath} from '../cli/run-cli.js';
import {addPreReceiveHook, commit, git, makeBare, makeRepo, tempDir, waitFor} from '../harness/index.js';
import {openTerminal} from './tmux.js';

/**
 * SPEC §1 "keys and signals always win": a remote's hook that floods its output — one 200 KB
 * line, then 20 000 lines — must not freeze the dashboard. What is kept and drawn is bounded
 * (last lines, each cut with "…"), so `q` quits and SIGHUP restores the screen and stops git.
 */

const flood = [
	'cat >/dev/null',
	`seq 1 20000 | sed 's/^/flood line /' >&2`,
	// One line of 200 000 characters, written without a newline until its end; it is among the
	// last lines, so it reaches the row's error, the log and the detail pane.
	`head -c 200000 /dev/zero | tr '\\0' x >&2; echo ' end of the long line' >&2`,
	`echo 'flood done' >&2`,
].join('\n');

async function floodedDashboard(hook: string, busyHook?: string) {
	const repo = makeRepo();
	commit(repo, 'first');
	const bare = makeBare();
	git(repo, 'remote', 'add', 'flood', bare);
	addPreReceiveHook(bare, hook);
	const busy = makeBare();
	if (busyHook) {
		git(repo, 'remote', 'add', 'busy', busy);
		addPreReceiveHook(busy, busyHook);
	}

	const home = tempDir('rst-e2e-home-');
	writeFileSync(path.join(home, '.gitconfig'), '[user]\n\tname = Test\n\temail = test@example.invalid\n');
	writeFileSync(path.join(repo, '.remotesyncrc.json'), JSON.stringify({auto_fetch: false}));
	const env = {XDG_CONFIG_HOME: path.join(home, '.config'), HOME: home, GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1', CI: 'false'};
	const terminal = await openTerminal(`${process.execPath} ${cliPath} --tui`, {cwd: repo, columns: 120, rows: 36, env});
	await terminal.waitFor(screen => /flood/.test(screen) && /status/.test(screen), {message: 'the dashboard never showed its row'});
	return {busy, terminal};
}

/** Processes whose command line names `needle` (the bare repository: git's and the hook's). */
function processesNaming(needle: string): string[] {
	const out = execFileSync('ps', ['-e', '-o', 'pid=,args='], {encoding: 'utf8'});
	return out.split('\n').filter(line => line.includes(needle) && !line.includes('ps -e'));
}

describe('a flood from a remote never freezes the dashboard (tmux)', {timeout: 180_000}, () => {
	it('a 200 KB line and 20 000 lines: the row, the detail pane and the log stay bounded, q quits', async () => {
		const {terminal} = await floodedDashboard(`${flood}\nexit 1`);
		terminal.press('p');
		await terminal.waitFor(screen => /rejected|hook/.test(screen), {timeoutMs: 60_000, message: 'the flooded push never finished'});
		// At 120 columns the details are open beside the list by default (ui/layout.ts wideColumns).
		// Pressing enter here closed them: the test passed only when the screen was read first.
		const detail = await terminal.waitFor(screen => /flood done/.test(screen), {timeoutMs: 30_000, message: 'the detail pane never showed the end of the flood'});
		// The long line is cut with an ellipsis; it does not fill the screen.
		expect(detail).toMatch(/remote: x{20,}…/);
		expect(detail).not.toContain('end of the long line');
		terminal.press('@');
		await terminal.waitFor(screen => /log \(/.test(screen) && !/\d+ running/.test(screen), {message: 'the log never opened, or work never ended'});
		terminal.press('q');
		await terminal.waitFor(() => terminal.exited(), {timeoutMs: 30_000, message: 'q did not quit after the flood'});
		expect(terminal.exitStatus()).toBe(0);
	});

	it('SIGHUP after a flood, while another push runs: the screen is restored and no git process is left', async () => {
		const {busy, terminal} = await floodedDashboard(`${flood}\nexit 1`, `cat >/dev/null\nwhile :; do seq 1 2000 | sed 's/^/more /' >&2; sleep 1; done`);
		terminal.press('P');
		await terminal.waitFor(screen => /rejected/.test(screen), {timeoutMs: 60_000, message: 'the flooded push never finished on screen'});
		await waitFor(() => processesNaming(busy).length > 0, {timeoutMs: 30_000, message: 'the busy push never reached its remote'});
		const shell = terminal.panePid()!;
		const program = execFileSync('ps', ['-o', 'pid=', '--ppid', String(shell)], {encoding: 'utf8'}).trim().split(/\s+/).map(Number)[0]!;
		process.kill(program, 'SIGHUP');
		// The shell printed "[exited N]" on the normal screen: the alternate screen was left.
		await terminal.waitFor(() => terminal.exited(), {timeoutMs: 30_000, message: 'SIGHUP did not end the dashboard'});
		expect(terminal.exitStatus()).toBe(130);
		expect(terminal.screen()).not.toMatch(/flood\s+push rejected/);
		await waitFor(() => processesNaming(busy).length === 0, {timeoutMs: 20_000, message: `git still runs after SIGHUP: ${processesNaming(busy).join('; ')}`});
	});
});
