import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {onCleanup} from './cleanup.mjs';

let servers = 0;

/**
 * A tmux server of our own (its own socket, our own two-line config), killed at cleanup: the
 * benchmark never touches a tmux the user or another job is running.
 * The sessions get `env` without CI (ink behaves differently when CI is set) and a real TERM.
 */
export function createTmux(env) {
	const socket = `remote-sync-bench-${process.pid}-${++servers}`;
	// Set before any pane starts: a program that dies at once still leaves its last words.
	// exit-empty off: killing the last session must not take the server down while the next
	// new-session is connecting to it ("server exited unexpectedly").
	const config = path.join(os.tmpdir(), `${socket}.conf`);
	fs.writeFileSync(config, 'set-option -s exit-empty off\nset-option -g remain-on-exit on\nset-option -g history-limit 100\n');
	const tmuxEnv = {...env, TERM: 'xterm-256color', SHELL: '/bin/sh'};
	delete tmuxEnv.CI;
	delete tmuxEnv.TMUX;
	const tmux = (args, options = {}) =>
		execFileSync('tmux', ['-L', socket, '-f', config, ...args], {env: tmuxEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options});
	const killServer = () => {
		try {
			tmux(['kill-server']);
		} catch {
			// no server running
		}
		fs.rmSync(config, {force: true});
	};
	onCleanup(killServer);

	return {
		/** Start `command` (run by /bin/sh) in a detached session of width x height. */
		newSession(name, command, {cwd, width = 120, height = 40} = {}) {
			tmux(['new-session', '-d', '-s', name, '-x', String(width), '-y', String(height), ...(cwd ? ['-c', cwd] : []), command]);
		},
		capture(name) {
			try {
				return tmux(['capture-pane', '-p', '-t', name]);
			} catch {
				return undefined;
			}
		},
		/** True once the program in the pane has exited (remain-on-exit keeps the pane). */
		isDead(name) {
			try {
				return tmux(['display-message', '-p', '-t', name, '#{pane_dead}']).trim() === '1';
			} catch {
				return true;
			}
		},
		panePid(name) {
			return Number(tmux(['display-message', '-p', '-t', name, '#{pane_pid}']).trim());
		},
		/** Append every byte the program writes to the pane to `file`. */
		pipePane(name, file) {
			fs.writeFileSync(file, '');
			tmux(['pipe-pane', '-o', '-t', name, `cat >> '${file}'`]);
		},
		sendKeys(name, ...keys) {
			tmux(['send-keys', '-t', name, ...keys]);
		},
		killSession(name) {
			try {
				tmux(['kill-session', '-t', name]);
			} catch {
				// already gone
			}
		},
		killServer,
	};
}
