import {execFileSync} from 'node:child_process';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {addBareRemote, commit, makeRepo, tempDir} from '../harness/index.js';
import {cliPath} from '../cli/run-cli.js';
import {openTerminal, type Terminal} from './tmux.js';

/** The screen as the terminal holds it, attributes included (capture-pane -e). */
function screenWithAttributes(terminal: Terminal): string {
	return execFileSync('tmux', ['-L', terminal.socket, 'capture-pane', '-e', '-p', '-t', 'e2e'], {encoding: 'utf8'});
}

const colour = /\u001B\[[0-9;]*m/;

describe('dashboard colour follows the one colour decision', () => {
	it.each([
		// The test process itself runs with NO_COLOR=1: an empty value means "not set" (no-color.org).
		['a terminal, nothing asked', {NO_COLOR: ''}, true],
		['NO_COLOR=1', {NO_COLOR: '1'}, false],
		['FORCE_COLOR=0', {NO_COLOR: '', FORCE_COLOR: '0'}, false],
		['FORCE_COLOR=1 beats NO_COLOR', {NO_COLOR: '1', FORCE_COLOR: '1'}, true],
	])('%s', async (_name, env, coloured) => {
		const repo = makeRepo();
		commit(repo, 'one');
		addBareRemote(repo, 'origin');
		const home = tempDir('rst-home-');
		const terminal = await openTerminal(`${process.execPath} ${cliPath} --tui --no-fetch`, {
			cwd: repo,
			columns: 100,
			rows: 24,
			env: {CI: 'false', HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), ...env},
		});
		await terminal.waitFor(screen => /origin/.test(screen) && / @ [0-9a-f]{7}/.test(screen), {timeoutMs: 30_000, message: 'the dashboard never showed the remote'});
		if (coloured) expect(screenWithAttributes(terminal)).toMatch(colour);
		else expect(screenWithAttributes(terminal)).not.toMatch(colour);
		terminal.press('q');
		await terminal.waitFor(() => terminal.exited(), {timeoutMs: 20_000});
	});
});
