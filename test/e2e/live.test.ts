import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {cliPath, runCli} from '../cli/run-cli.js';
import {commit, git, gitAsyncOk, makeRepo, startDelayProxy, startGitDaemon, startHttpGit, startRefusingPort, startSilentSocket, tempDir} from '../harness/index.js';
import {rowOf} from './fixture.js';
import {openTerminal} from './tmux.js';

/**
 * The live dashboard (SPEC §5 "Live") in a real terminal, in the repository of a laptop on a
 * bad day: a host that accepts and never answers (hung), a closed port (refused), a forge
 * that wants a password (locked), and two healthy but slow hosts (a git daemon behind a
 * delay proxy). Every remote was fetched once before, so every row has tracking refs.
 */
async function liveFixture() {
	const repo = makeRepo();
	const served = tempDir('rst-served-');
	const daemon = await startGitDaemon({basePath: served});
	const proxy = await startDelayProxy({targetPort: daemon.port, delayMs: 150});
	for (const name of ['slow1', 'slow2']) {
		git(served, 'init', '-q', '--bare', `${name}.git`);
		git(repo, 'remote', 'add', name, proxy.url(`${name}.git`));
		// Async: the delay proxy lives in this process and must keep forwarding meanwhile.
		await gitAsyncOk(repo, 'push', '-q', name, 'main');
	}

	const hung = await startSilentSocket();
	const refused = await startRefusingPort();
	const locked = tempDir('rst-locked-');
	git(locked, 'init', '-q', '--bare', 'locked.git');
	const http = await startHttpGit({projectRoot: locked, user: 'u', password: 'secret'});
	git(repo, 'remote', 'add', 'hung', hung.url);
	git(repo, 'remote', 'add', 'refused', refused.url);
	git(repo, 'remote', 'add', 'locked', http.url('locked.git'));
	// Fetched once, long ago: their tracking refs say "in sync".
	for (const name of ['hung', 'refused', 'locked']) git(repo, 'update-ref', `refs/remotes/${name}/main`, 'main');

	writeFileSync(
		path.join(repo, '.remotesyncrc.json'),
		JSON.stringify({refresh_interval: 2, stall_timeout: 12, remotes: {hung: {timeout: 30, retry: 0}, refused: {retry: 0}, locked: {retry: 0}}}, null, 2),
	);
	const home = tempDir('rst-e2e-home-');
	mkdirSync(path.join(home, '.config'), {recursive: true});
	writeFileSync(path.join(home, '.gitconfig'), '[user]\n\tname = Test\n\temail = test@example.invalid\n');
	const env = {XDG_CONFIG_HOME: path.join(home, '.config'), HOME: home, GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1', CI: 'false'};
	const trusted = await runCli(['trust'], {cwd: repo, env});
	if (trusted.exitCode !== 0) throw new Error(`trust failed: ${trusted.stderr}`);
	return {repo, served, http, env, command: `${process.execPath} ${cliPath} --tui`};
}

/** Someone else pushes a commit straight into the served repository. */
function pushBySomeoneElse(bare: string, label: string): string {
	const theirs = path.join(tempDir(), 'theirs');
	git(tempDir(), 'clone', '-q', bare, theirs);
	const sha = commit(theirs, label);
	git(theirs, 'push', '-q', 'origin', 'main');
	return sha;
}

const remotes = ['slow1', 'slow2', 'hung', 'refused', 'locked'];
const fetching = /⠋|⠙|⠹|⠸|⠼|⠴|⠦|⠧|⠇|⠏|connecting|fetch/;

describe('live dashboard in a real terminal (tmux)', {timeout: 240_000}, () => {
	it('state from refs at once, each healthy remote as its own fetch ends, long before the hung one gives up; changes made elsewhere show without a key', async () => {
		const fixture = await liveFixture();
		// Pushed before start: each slow remote is one commit ahead of what we last fetched.
		pushBySomeoneElse(path.join(fixture.served, 'slow1.git'), 'theirs 1');
		pushBySomeoneElse(path.join(fixture.served, 'slow2.git'), 'theirs 2');
		const terminal = await openTerminal(fixture.command, {cwd: fixture.repo, columns: 150, rows: 30, env: fixture.env});

		// Every row has its state from the tracking refs while the hung host is still being asked.
		await terminal.waitFor(s => remotes.every(name => /^\s*›?\s*[✓↑↓⇅+?]\s/.test(rowOf(s, name))) && fetching.test(rowOf(s, 'hung')), {
			message: 'rows never showed their tracking-ref state while the hung remote was fetched',
		});
		// Each healthy remote shows its fetched state (one behind) while hung still waits (stall_timeout is 12 s).
		await terminal.waitFor(s => /↓1/.test(rowOf(s, 'slow1')) && /↓1/.test(rowOf(s, 'slow2')) && fetching.test(rowOf(s, 'hung')), {
			message: 'the slow remotes never showed their own fetch before the hung one gave up',
		});
		await terminal.waitFor(s => /auth-failed/.test(rowOf(s, 'locked')) && /unreachable/.test(rowOf(s, 'refused')), {message: 'locked / refused never showed their failure'});

		// A commit made in another shell.
		const sha = commit(fixture.repo, 'from another shell');
		await terminal.waitFor(s => s.includes(sha.slice(0, 7)), {message: 'the commit never reached the header'});
		// A plain git push to one remote (its tracking ref moves): in sync, without a key.
		await gitAsyncOk(fixture.repo, 'pull', '-q', '--no-rebase', '--no-edit', 'slow1', 'main');
		await gitAsyncOk(fixture.repo, 'push', '-q', 'slow1', 'main');
		await terminal.waitFor(s => /^\s*›?\s*✓/.test(rowOf(s, 'slow1')), {message: 'the plain push never showed'});
		// A push made by someone else: visible after refresh_interval (2 s).
		pushBySomeoneElse(path.join(fixture.served, 'slow2.git'), 'theirs again');
		await terminal.waitFor(s => /↓2/.test(rowOf(s, 'slow2')), {message: 'the other push never showed', timeoutMs: 60_000});

		// The hung remote ends stale: its last known state, its age, the failure.
		await terminal.waitFor(s => /refs from .* · fetch timed out/.test(rowOf(s, 'hung')), {message: 'hung never ended stale', timeoutMs: 90_000});

		// The password-protected remote was asked once, not once per refresh: a whole refresh more runs without asking it.
		await terminal.waitFor(s => /refreshed \d+s ago/.test(s), {timeoutMs: 60_000});
		const asked = fixture.http.requests.length;
		expect(asked).toBeGreaterThan(0);
		await terminal.waitFor(s => s.includes('refreshing…'), {timeoutMs: 60_000, message: 'no background refresh started'});
		await terminal.waitFor(s => /refreshed \d+s ago/.test(s), {timeoutMs: 60_000, message: 'the background refresh never ended'});
		expect(fixture.http.requests.length).toBe(asked);

		// Background reads only: q quits without asking.
		terminal.press('q');
		await terminal.waitFor(() => terminal.exited(), {message: 'q did not quit at once', timeoutMs: 20_000});
	});
});
