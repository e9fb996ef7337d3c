import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {onCleanup} from '../harness/index.js';
import {delay} from '../harness/process.js';

/**
 * A real terminal for end-to-end tests: tmux runs the program, send-keys types, capture-pane
 * reads the screen. Each session has its own tmux server socket (-L), killed on cleanup.
 */
export type Terminal = {
	socket: string;
	screen(): string;
	/** The screen with its scrollback. */
	history(): string;
	/** Keys by tmux name: 'j', 'Enter', 'Space', 'C-c', 'Up'. */
	press(...keys: string[]): void;
	type(text: string): void;
	waitFor(predicate: (screen: string) => boolean, options?: {timeoutMs?: number; message?: string}): Promise<string>;
	/** The program has exited (its wrapper printed "[exited N]"; remain-on-exit keeps the pane). */
	exited(): boolean;
	exitStatus(): number | undefined;
	panePid(): number | undefined;
	resize(columns: number, rows: number): void;
	kill(): void;
};

function tmux(socket: string, ...args: string[]): string {
	return execFileSync('tmux', ['-L', socket, ...args], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
}

export async function openTerminal(command: string, options: {cwd: string; columns?: number; rows?: number; env?: Record<string, string>}): Promise<Terminal> {
	const socket = `rst-e2e-${process.pid}-${randomBytes(4).toString('hex')}`;
	const env = Object.entries({TERM: 'xterm-256color', ...options.env}).map(([key, value]) => `${key}=${shellQuote(value)}`).join(' ');
	// The shell prints the program's exit status on the normal screen after it ends: seeing it
	// also proves the alternate screen was left.
	const wrapped = `env ${env} ${command}; echo "[exited $?]"`;
	tmux(socket, '-f', '/dev/null', 'new-session', '-d', '-s', 'e2e', '-x', String(options.columns ?? 120), '-y', String(options.rows ?? 36), '-c', options.cwd, wrapped);
	tmux(socket, 'set-option', '-t', 'e2e', 'remain-on-exit', 'on');
	const terminal: Terminal = {
		socket,
		screen: () => tmux(socket, 'capture-pane', '-p', '-t', 'e2e'),
		history: () => tmux(socket, 'capture-pane', '-p', '-t', 'e2e', '-S', '-500'),
		press: (...keys) => void tmux(socket, 'send-keys', '-t', 'e2e', ...keys),
		type: text => void tmux(socket, 'send-keys', '-t', 'e2e', '-l', text),
		async waitFor(predicate, waitOptions = {}) {
			const deadline = performance.now() + (waitOptions.timeoutMs ?? 30_000);
			let last = '';
			while (performance.now() < deadline) {
				last = terminal.screen();
				if (predicate(last)) return last;
				await delay(50);
			}

			throw new Error(`${waitOptions.message ?? 'screen never matched'}; last screen:\n${last}`);
		},
		exited: () => /\[exited \d+\]/.test(terminal.history()),
		exitStatus() {
			const match = /\[exited (\d+)\]/.exec(terminal.history());
			return match ? Number(match[1]) : undefined;
		},
		panePid() {
			const pid = Number(tmux(socket, 'display-message', '-p', '-t', 'e2e', '#{pane_pid}').trim());
			return Number.isFinite(pid) && pid > 0 ? pid : undefined;
		},
		resize: (columns, rows) => void tmux(socket, 'resize-window', '-t', 'e2e', '-x', String(columns), '-y', String(rows)),
		kill() {
			try {
				tmux(socket, 'kill-server');
			} catch {
				// Already gone.
			}
		},
	};
	onCleanup(() => terminal.kill());
	return terminal;
}

/** q, and y when the dashboard asks first (its first status read may still be running). */
export async function quitDashboard(terminal: Terminal): Promise<void> {
	terminal.press('q');
	const screen = await terminal.waitFor(s => terminal.exited() || /Quit anyway\?/.test(s), {timeoutMs: 20_000});
	if (!terminal.exited() && /Quit anyway\?/.test(screen)) terminal.press('y');
	await terminal.waitFor(() => terminal.exited(), {timeoutMs: 20_000, message: 'the dashboard did not quit'});
}

function shellQuote(value: string): string {
	return `'${value.replaceAll("'", "'\\''")}'`;
}
