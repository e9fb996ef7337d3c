import {existsSync, readdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {describe, expect, it} from 'vitest';
import {tempDir} from '../harness/index.js';
import {cliPath} from '../cli/run-cli.js';
import {openTerminal} from './tmux.js';
import {rowOf} from './fixture.js';

function demoDirs(): string[] {
	return readdirSync(tmpdir()).filter(name => name.startsWith('remote-sync-demo-'));
}

describe('--demo (the README\'s first command)', () => {
	it('opens the dashboard on a sandbox showing every state, pushes, and removes the sandbox on quit', async () => {
		const before = new Set(demoDirs());
		const home = tempDir('rst-demo-home-');
		const terminal = await openTerminal(`${process.execPath} ${cliPath} --demo`, {cwd: home, columns: 150, rows: 36, env: {CI: 'false', HOME: home, XDG_CONFIG_HOME: `${home}/.config`}});
		const screen = await terminal.waitFor(s => /in sync/.test(rowOf(s, 'origin')) && /unknown/.test(rowOf(s, 'internal')), {timeoutMs: 60_000, message: 'the demo never showed its remotes'});
		expect(rowOf(screen, 'origin')).toMatch(/in sync/);
		expect(rowOf(screen, 'github')).toMatch(/ahead/);
		expect(rowOf(screen, 'gitlab')).toMatch(/behind/);
		expect(rowOf(screen, 'backup')).toMatch(/diverged/);
		expect(rowOf(screen, 'offline')).toMatch(/unknown/);
		const created = demoDirs().filter(name => !before.has(name));
		expect(created).toHaveLength(1);

		terminal.press('P');
		await terminal.waitFor(s => s.includes('Force-push main to backup'), {timeoutMs: 30_000});
		terminal.press('n');
		await terminal.waitFor(s => /pushed/.test(rowOf(s, 'internal')) && /pushed/.test(rowOf(s, 'slow-mirror')) && /queued/.test(rowOf(s, 'offline')), {
			timeoutMs: 40_000,
			message: 'push all did not reach every remote',
		});
		terminal.press('q');
		await terminal.waitFor(() => terminal.exited(), {timeoutMs: 20_000});
		expect(terminal.exitStatus()).toBe(0);
		expect(existsSync(`${tmpdir()}/${created[0]}`)).toBe(false);
	});
});
