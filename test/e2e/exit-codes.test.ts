import {execFileSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {cliPath} from '../cli/run-cli.js';
import {addPreReceiveHook, commit, git, makeBare, makeRepo, tempDir} from '../harness/index.js';
import {rowOf} from './fixture.js';
import {openTerminal} from './tmux.js';

/**
 * SPEC §6 exit codes from the dashboard: quitting in the middle of a push is an interruption
 * (130), SIGTERM is 143 (an idle quit exits 0: dashboard.test.ts). The remote's pre-receive hook holds the push until
 * the test releases it (bounded: it gives up by itself after a minute).
 */
async function dashboardWithHeldPush() {
	const repo = makeRepo();
	const bare = makeBare();
	git(repo, 'remote', 'add', 'held', bare);
	git(repo, 'push', '-q', 'held', 'main');
	const release = path.join(tempDir('rst-held-'), 'release');
	addPreReceiveHook(bare, `cat >/dev/null\ni=0\nwhile [ ! -e '${release}' ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done`);
	commit(repo, 'work being pushed');
	writeFileSync(path.join(repo, '.remotesyncrc.json'), JSON.stringify({auto_fetch: false, remotes: {held: {retry: 0, timeout: 120}}}));
	const home = tempDir('rst-e2e-home-');
	writeFileSync(path.join(home, '.gitconfig'), '[user]\n\tname = Test\n\temail = test@example.invalid\n');
	const env = {XDG_CONFIG_HOME: path.join(home, '.config'), HOME: home, GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1', CI: 'false'};
	const terminal = await openTerminal(`${process.execPath} ${cliPath} --tui`, {cwd: repo, columns: 120, rows: 30, env});
	await terminal.waitFor(screen => rowOf(screen, 'held') !== '', {message: 'dashboard never showed its row'});
	const releasePush = () => writeFileSync(release, '');
	return {terminal, releasePush};
}

describe('dashboard exit codes (tmux)', {timeout: 120_000}, () => {
	it('quitting while a push runs, and confirming, exits 130 (interrupted)', async () => {
		const {terminal, releasePush} = await dashboardWithHeldPush();
		try {
			terminal.press('p');
			await terminal.waitFor(screen => /push|connecting|writing|counting/.test(rowOf(screen, 'held')) && !/pushed/.test(rowOf(screen, 'held')), {message: 'the push never started'});
			terminal.press('q');
			await terminal.waitFor(screen => screen.includes('Quit anyway?'), {message: 'quit did not ask while the push ran'});
			terminal.press('y');
			await terminal.waitFor(() => terminal.exited(), {timeoutMs: 30_000, message: 'y did not quit'});
			expect(terminal.exitStatus()).toBe(130);
		} finally {
			releasePush();
		}
	});

	it('SIGTERM exits 143', async () => {
		const {terminal, releasePush} = await dashboardWithHeldPush();
		try {
			terminal.press('p');
			await terminal.waitFor(screen => /push|connecting|writing|counting/.test(rowOf(screen, 'held')), {message: 'the push never started'});
			const program = programPid(terminal.panePid());
			expect(program, 'the program process under the pane').toBeDefined();
			process.kill(program!, 'SIGTERM');
			await terminal.waitFor(() => terminal.exited(), {timeoutMs: 30_000, message: 'SIGTERM did not end the dashboard'});
			expect(terminal.exitStatus()).toBe(143);
		} finally {
			releasePush();
		}
	});
});

/** The program's process: the pane's shell runs `env … node cli …` (env execs node) as its child. */
function programPid(panePid: number | undefined): number | undefined {
	if (panePid === undefined) return undefined;
	const out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(panePid)], {encoding: 'utf8'});
	const pid = Number(out.trim().split('\n')[0]);
	return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}
