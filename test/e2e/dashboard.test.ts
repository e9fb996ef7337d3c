import {existsSync, readFileSync} from 'node:fs';
import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {git} from '../harness/index.js';
import {dashboardFixture, rowOf} from './fixture.js';
import {openTerminal, type Terminal} from './tmux.js';

const bar = /[█░]{4,}.*\d+%/;

async function openDashboard(columns = 140, rows = 36) {
	const fixture = await dashboardFixture();
	const terminal = await openTerminal(fixture.command, {cwd: fixture.repo, columns, rows, env: fixture.env});
	await terminal.waitFor(screen => rowOf(screen, 'inside') !== '' && /status \d+s ago|status just now|status/.test(screen), {message: 'dashboard never showed its rows'});
	return {fixture, terminal};
}

function select(terminal: Terminal, screen: string, remote: string): void {
	const rows = ['alpha', 'beta', 'fast', 'guarded', 'dead', 'inside'];
	const current = rows.findIndex(name => rowOf(screen, name).trimStart().startsWith('›'));
	const target = rows.indexOf(remote);
	const moves = target - Math.max(0, current);
	for (let index = 0; index < Math.abs(moves); index++) terminal.press(moves > 0 ? 'j' : 'k');
}

function descendants(pid: number): number[] {
	try {
		const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], {encoding: 'utf8'});
		const children = new Map<number, number[]>();
		for (const line of out.trim().split('\n')) {
			const [child, parent] = line.trim().split(/\s+/).map(Number);
			children.set(parent!, [...(children.get(parent!) ?? []), child!]);
		}

		const found: number[] = [];
		const queue = [pid];
		while (queue.length > 0) for (const child of children.get(queue.shift()!) ?? []) found.push(child), queue.push(child);
		return found;
	} catch {
		return [];
	}
}

describe('dashboard in a real terminal (tmux)', {timeout: 180_000}, () => {
	it('pushes one remote: its row goes from a progress bar to pushed while another row shows its own progress', async () => {
		const {fixture, terminal} = await openDashboard();
		let screen = terminal.screen();
		select(terminal, screen, 'alpha');
		terminal.press('p');
		screen = await terminal.waitFor(s => /push|writing|connecting|counting/.test(rowOf(s, 'alpha')) && !/pushed/.test(rowOf(s, 'alpha')), {message: 'alpha never showed work'});
		terminal.press('j', 'p');
		screen = await terminal.waitFor(s => bar.test(rowOf(s, 'alpha')) && /push|writing|connecting|counting/.test(rowOf(s, 'beta')), {message: 'alpha and beta never worked side by side'});
		screen = await terminal.waitFor(s => /pushed/.test(rowOf(s, 'alpha')) && !/pushed/.test(rowOf(s, 'beta')) && /[█░]|writing|%/.test(rowOf(s, 'beta')), {
			message: 'alpha never finished while beta still showed progress',
		});
		await terminal.waitFor(s => /pushed/.test(rowOf(s, 'beta')), {message: 'beta never finished', timeoutMs: 20_000});
		expect(git(fixture.bares.alpha, 'rev-parse', 'main')).toBe(fixture.localSha);
		expect(git(fixture.bares.beta, 'rev-parse', 'main')).toBe(fixture.localSha);
		expect(git(fixture.bares.fast, 'rev-parse', 'main')).not.toBe(fixture.localSha);
		terminal.press('q');
		await terminal.waitFor(() => terminal.exited(), {message: 'q did not quit'});
	});

	it('push all, fetch, health check, retry queue, dry-run; keys stay responsive while work runs; quit restores the terminal and leaves nothing behind', async () => {
		const {fixture, terminal} = await openDashboard();
		const pid = terminal.panePid()!;
		terminal.press('d');
		await terminal.waitFor(s => s.includes('DRY-RUN'), {message: 'd did not show DRY-RUN'});
		terminal.press('P');
		await terminal.waitFor(s => /would-push|would/.test(rowOf(s, 'fast')), {message: 'dry-run push all showed no plan'});
		expect(git(fixture.bares.fast, 'rev-parse', 'main')).not.toBe(fixture.localSha);
		expect(existsSync(fixture.vpnLog)).toBe(false);
		terminal.press('d');
		await terminal.waitFor(s => !s.includes('DRY-RUN'));

		terminal.press('P');
		// While alpha and beta are still in their slow hooks, navigation answers.
		await terminal.waitFor(s => /push|writing|connecting/.test(rowOf(s, 'beta')) && !/pushed/.test(rowOf(s, 'beta')));
		const before = terminal.screen();
		terminal.press('j');
		await terminal.waitFor(s => s !== before && /push|writing|connecting|%/.test(rowOf(s, 'beta')), {message: 'key not answered while pushes ran'});
		await terminal.waitFor(s => /pushed/.test(rowOf(s, 'beta')) && /queued/.test(rowOf(s, 'dead')), {timeoutMs: 60_000, message: 'push all never finished'});
		for (const name of ['alpha', 'beta', 'fast', 'inside'] as const) expect(git(fixture.bares[name], 'rev-parse', 'main'), name).toBe(fixture.localSha);
		expect(readFileSync(fixture.vpnLog, 'utf8')).toMatch(/^connect\n/);

		// guarded (force_push: warn) asks before forcing: the default answer keeps its commits.
		await terminal.waitFor(s => s.includes('Force-push main to guarded'), {message: 'push all did not ask about guarded'});
		terminal.press('n');
		await terminal.waitFor(s => !s.includes('Force-push'));
		expect(git(fixture.bares.guarded, 'rev-parse', 'main')).not.toBe(fixture.localSha);

		terminal.press('F');
		await terminal.waitFor(s => /fetch/.test(rowOf(s, 'fast')), {message: 'F did not fetch'});
		terminal.press('H');
		await terminal.waitFor(s => /\d+ms/.test(rowOf(s, 'fast')) && /unreachable/.test(rowOf(s, 'dead')), {message: 'H did not health-check every remote'});
		terminal.press('r');
		await terminal.waitFor(s => /process-queue (queued|failed)/.test(rowOf(s, 'dead')) && /1 queued/.test(rowOf(s, 'dead')), {message: 'r did not retry the queue'});

		terminal.press('q');
		await terminal.waitFor(() => terminal.exited(), {message: 'q did not quit', timeoutMs: 20_000});
		expect(terminal.exitStatus()).toBe(0);
		const alternate = execFileSync('tmux', ['-L', terminal.socket, 'display-message', '-p', '-t', 'e2e', '#{alternate_on}'], {encoding: 'utf8'}).trim();
		expect(alternate).toBe('0');
		expect(descendants(pid)).toEqual([]);
		// The VPN we connected is down again.
		expect(existsSync(fixture.vpnLink)).toBe(false);
		expect(readFileSync(fixture.vpnLog, 'utf8').trim().split('\n').at(-1)).toBe('disconnect');
	});

	it('force push under warn: names the commits the remote would lose; n cancels, y pushes with a lease', async () => {
		const {fixture, terminal} = await openDashboard();
		const theirs = git(fixture.bares.guarded, 'rev-parse', 'main');
		let screen = terminal.screen();
		select(terminal, screen, 'guarded');
		terminal.press('p');
		screen = await terminal.waitFor(s => s.includes('Force-push') && s.includes('Their rewrite on guarded'), {message: 'no confirmation naming the lost commit'});
		terminal.press('n');
		await terminal.waitFor(s => !s.includes('Force-push'));
		expect(git(fixture.bares.guarded, 'rev-parse', 'main')).toBe(theirs);

		terminal.press('p');
		await terminal.waitFor(s => s.includes('Force-push'));
		terminal.press('Enter');
		await terminal.waitFor(s => !s.includes('Force-push'));
		expect(git(fixture.bares.guarded, 'rev-parse', 'main')).toBe(theirs);

		terminal.press('p');
		await terminal.waitFor(s => s.includes('Force-push'));
		terminal.press('y');
		await terminal.waitFor(s => /pushed/.test(rowOf(s, 'guarded')), {message: 'confirmed force push did not happen'});
		expect(git(fixture.bares.guarded, 'rev-parse', 'main')).toBe(fixture.localSha);
		terminal.press('q');
		await terminal.waitFor(() => terminal.exited());
	});

	it('quitting while work runs asks first; the answer no keeps the dashboard', async () => {
		const {terminal} = await openDashboard();
		terminal.press('P');
		await terminal.waitFor(s => /push|connecting|writing/.test(rowOf(s, 'beta')) && !/pushed/.test(rowOf(s, 'beta')));
		terminal.press('q');
		await terminal.waitFor(s => s.includes('Quit anyway?'), {message: 'quit did not ask while work ran'});
		terminal.press('n');
		await terminal.waitFor(s => !s.includes('Quit anyway?'), {message: 'n did not keep the dashboard'});
		expect(terminal.exited()).toBe(false);
		terminal.press('q');
		await terminal.waitFor(s => s.includes('Quit anyway?') || terminal.exited());
		if (!terminal.exited()) terminal.press('y');
		await terminal.waitFor(() => terminal.exited(), {timeoutMs: 20_000});
	});

	it('help, log, details, branch picker, and a readable layout at 80×24', async () => {
		const {terminal} = await openDashboard(80, 24);
		const screen = terminal.screen();
		for (const line of screen.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
		terminal.press('?');
		await terminal.waitFor(s => s.includes('(? or esc closes)'), {message: '? showed no help'});
		terminal.press('?');
		await terminal.waitFor(s => rowOf(s, 'alpha') !== '' && !s.includes('(? or esc closes)'), {message: '? did not close the help'});
		terminal.press('@');
		await terminal.waitFor(s => /^log\b/m.test(s), {message: '@ showed no log'});
		terminal.press('@');
		await terminal.waitFor(s => !/^log\b/m.test(s), {message: '@ did not close the log'});
		terminal.press('Enter');
		await terminal.waitFor(s => /force push/i.test(s), {message: 'enter showed no details'});
		terminal.press('b');
		await terminal.waitFor(s => /Branch\s+\(/.test(s) && s.includes('main (current)'), {message: 'b showed no branch picker'});
		terminal.press('Escape');
		await terminal.waitFor(s => !/Branch\s+\(/.test(s), {message: 'esc did not close the branch picker'});
		terminal.press('q');
		await terminal.waitFor(() => terminal.exited());
	});
});
