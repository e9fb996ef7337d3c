import {existsSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {git, makeBare, makeRepo, tempDir} from '../harness/index.js';
import {cliPath} from '../cli/run-cli.js';
import {rowOf} from './fixture.js';
import {openTerminal} from './tmux.js';

describe('a cloned repository opened in the dashboard', () => {
	it('runs none of its config commands until trusted: opening, pushing all and health-checking create nothing', async () => {
		const repo = makeRepo();
		const bare = makeBare();
		git(repo, 'remote', 'add', 'inside', bare);
		const canary = path.join(tempDir('rst-canary-'), 'pwned');
		writeFileSync(
			path.join(repo, '.remotesyncrc.json'),
			JSON.stringify({auto_fetch: true, remotes: {inside: {vpn: 'corp'}}, vpn: {corp: {check_cmd: `touch ${canary}; false`, connect_cmd: `touch ${canary}`, disconnect_cmd: `touch ${canary}`}}}),
		);
		const home = tempDir('rst-home-');
		const terminal = await openTerminal(`${process.execPath} ${cliPath} --tui`, {cwd: repo, columns: 140, rows: 30, env: {CI: 'false', HOME: home, XDG_CONFIG_HOME: path.join(home, '.config')}});
		// Its state from the tracking refs, its VPN shown down (untrusted: never connected for a read).
		await terminal.waitFor(s => / @ [0-9a-f]{7}/.test(s) && /corp:(down|untrusted)/.test(rowOf(s, 'inside')) && !/reading…/.test(rowOf(s, 'inside')), {timeoutMs: 20_000, message: 'no status for the remote behind the untrusted VPN'});
		terminal.press('P');
		await terminal.waitFor(s => /push (queued|failed)/.test(rowOf(s, 'inside')), {timeoutMs: 20_000, message: 'push did not report the VPN'});
		terminal.press('H');
		await terminal.waitFor(s => /vpn-down|untrusted/.test(s), {timeoutMs: 20_000, message: 'health did not report vpn-down'});
		expect(terminal.screen()).toMatch(/remote-sync trust/);
		terminal.press('q');
		await terminal.waitFor(() => terminal.exited(), {timeoutMs: 20_000});
		expect(existsSync(canary)).toBe(false);
		expect(git(bare, 'for-each-ref')).toBe('');
	});
});
