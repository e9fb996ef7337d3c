import {delay} from './proc.mjs';

/**
 * Start `--tui` in a tmux session and wait for its first frame: the header line
 * "<repo> on <branch>" (with `remotes`: "<repo> on <branch> @ <sha>" and every remote's row). Resolves {ms} from the spawn of the session to the first capture
 * showing it, or {unavailable: reason} when no dashboard shows up (the process exits or
 * prints something else until `timeoutMs`): the caller reports n/a instead of failing.
 */
export async function startDashboard(tmux, name, {command, cwd, repoName, branch = 'main', remotes = [], timeoutMs = 20_000}) {
	// With `remotes`: the frame that also has the local sha (status read) and a row per remote.
	const header = remotes.length > 0 ? new RegExp(`${repoName} on ${branch} @ [0-9a-f]{7}`) : new RegExp(`${repoName} on ${branch}\\b`);
	const hasRow = (screen, remote) => screen.split('\n').some(line => line.slice(0, 30).split(/\s+/).includes(remote));
	const started = performance.now();
	tmux.newSession(name, command, {cwd});
	let screen = '';
	while (performance.now() - started < timeoutMs) {
		screen = tmux.capture(name) ?? '';
		if (header.test(screen) && remotes.every(remote => hasRow(screen, remote))) return {ms: performance.now() - started, screen};
		if (tmux.isDead(name)) {
			screen = tmux.capture(name) ?? screen;
			break;
		}
		await delay(15);
	}
	const lastWords = screen.split('\n').map(l => l.trimEnd()).filter(line => line && !line.startsWith('Pane is dead')).slice(0, 3).join(' | ');
	return {unavailable: `dashboard not available${lastWords ? `: "${lastWords.slice(0, 120)}"` : ''}`};
}

/** Poll the screen until `test(screen)` holds; undefined after `timeoutMs`. */
export async function waitForScreen(tmux, name, test, {timeoutMs = 30_000, intervalMs = 50} = {}) {
	const deadline = performance.now() + timeoutMs;
	while (performance.now() < deadline) {
		const screen = tmux.capture(name) ?? '';
		if (test(screen)) return screen;
		await delay(intervalMs);
	}
	return undefined;
}

/** Quit politely (q), then make sure the session is gone. */
export async function quitDashboard(tmux, name) {
	tmux.sendKeys(name, 'q');
	for (let i = 0; i < 40 && !tmux.isDead(name); i++) await delay(50);
	tmux.killSession(name);
}
