// Dashboard cost during 8 parallel pushes over a slow link (150 ms per direction): the
// dashboard runs in tmux (120x40), we press P (push all) and measure, from the key press
// until every remote has the new tip and the header no longer says "running":
//   frames per second   synchronized-update starts (ESC[?2026h; ink writes one per frame)
//   bytes to terminal   everything the app wrote to the pane (tmux pipe-pane)
//   CPU time            utime + stime of the node process (/proc/<pid>/stat)
//   peak RSS            VmHWM of the node process over its whole life
// and the same frame and byte rates while idle (3 s before the key press) for comparison.
import fs from 'node:fs';
import path from 'node:path';
import {cloneBare, createSandbox, git, initRepo, makeHistory, readTip} from './lib/git.mjs';
import {quitDashboard, startDashboard, waitForScreen} from './lib/dashboard.mjs';
import {cpuMs, executable, statusKiB} from './lib/proc-stats.mjs';
import {delay, waitFor} from './lib/proc.mjs';
import {isMain, runStandalone} from './lib/report.mjs';
import {startDelayProxy, startGitDaemon} from './lib/servers.mjs';
import {shellQuote} from './lib/small-repo.mjs';
import {benchRuns, notAvailable, row} from './lib/stats.mjs';
import {createTmux} from './lib/tmux.mjs';
import {requireBuiltCli, writeConfig} from './lib/tool.mjs';

const remoteCount = 8;
const delayMs = 150;
const idleMs = 3000;
const bsu = '\u001B[?2026h';

function countFrames(bytes) {
	const text = bytes.toString('latin1');
	const synchronized = text.split(bsu).length - 1;
	// Without synchronized output (an older ink), count redraws by their erase-line runs instead.
	return synchronized > 0 ? synchronized : text.split('\u001B[2K\u001B[1A\u001B[2K').length - 1;
}

function readSince(file, offset) {
	const bytes = fs.readFileSync(file);
	return {bytes: bytes.subarray(offset), size: bytes.length};
}

export async function run({log = () => {}} = {}) {
	const runs = benchRuns(5);
	const cli = requireBuiltCli();
	const box = createSandbox('dashboard');
	const {env} = box;
	const repo = initRepo(box.path('dash-repo'), env);
	const base = makeHistory(repo, env, {commits: 500, files: 40, bytesPerFile: 4096});
	fs.mkdirSync(box.path('srv'));
	const names = Array.from({length: remoteCount}, (_, i) => `r${i + 1}`);
	for (const name of names) cloneBare(repo, path.join(box.path('srv'), `${name}.git`), env);
	const daemon = await startGitDaemon(box.path('srv'), env);
	const proxy = await startDelayProxy(daemon.port, delayMs);
	for (const name of names) git(repo, env, ['remote', 'add', name, proxy.url(`${name}.git`)]);
	writeConfig(repo, {max_workers: remoteCount});

	const tmux = createTmux(env);
	const command = `exec ${shellQuote(process.execPath)} ${shellQuote(cli)} --tui`;
	const series = {push: [], fps: [], bytes: [], bytesPerFrame: [], cpu: [], cpuShare: [], rss: [], idleFps: [], idleBytes: [], keyMs: []};
	let unavailable;
	for (let runIndex = 0; runIndex < runs && !unavailable; runIndex++) {
		// Fresh commits on the old tip; the remotes back at the old tip (directly, not via the proxy).
		git(repo, env, ['reset', '-q', '--hard', base]);
		const tip = makeHistory(repo, env, {commits: 10, files: 40, bytesPerFile: 4096, seed: 300 + runIndex, label: `run ${runIndex + 1}`});
		for (const name of names) git(path.join(box.path('srv'), `${name}.git`), env, ['update-ref', 'refs/heads/main', base]);

		const session = `dash-${runIndex}`;
		const started = await startDashboard(tmux, session, {command, cwd: repo, repoName: 'dash-repo'});
		if (started.unavailable) {
			unavailable = started.unavailable;
			tmux.killSession(session);
			break;
		}
		const pid = tmux.panePid(session);
		if (executable(pid) !== fs.realpathSync(process.execPath)) throw new Error(`the pane runs ${executable(pid)}, not node: cannot read its CPU and memory`);
		const capture = box.path(`pane-${runIndex}.bin`);
		tmux.pipePane(session, capture);
		// Settled: the first status is in and nothing runs (the header says "status <age>").
		const settled = await waitForScreen(tmux, session, screen => /status (?!pending)/.test(screen) && !/\d+ running/.test(screen), {timeoutMs: 30_000});
		if (!settled) {
			unavailable = 'dashboard not available: it never showed a finished status';
			await quitDashboard(tmux, session);
			break;
		}

		const idleStart = readSince(capture, 0).size;
		await delay(idleMs);
		const idle = readSince(capture, idleStart);
		series.idleFps.push(countFrames(idle.bytes) / (idleMs / 1000));
		series.idleBytes.push(idle.bytes.length / (idleMs / 1000) / 1024);

		const offset = idle.size;
		const cpuBefore = cpuMs(pid);
		const pressed = performance.now();
		tmux.sendKeys(session, 'P');
		// Responsiveness while the pushes run: press j and time until the cursor row moves on screen.
		await delay(400);
		series.keyMs.push(await keyResponseMs(tmux, session));
		await waitFor(() => names.every(name => readTip(path.join(box.path('srv'), `${name}.git`)) === tip), {timeoutMs: 60_000, intervalMs: 20, message: 'every remote to get the new tip'});
		const done = await waitForScreen(tmux, session, screen => !/\d+ running/.test(screen), {timeoutMs: 30_000, intervalMs: 20});
		if (!done) throw new Error('the dashboard still says "running" 30 s after every push landed');
		const seconds = (performance.now() - pressed) / 1000;
		const cpu = cpuMs(pid) - cpuBefore;
		const rssKiB = statusKiB(pid, 'VmHWM');
		// Let the pipe catch up with the last frame before reading it.
		await delay(100);
		const during = readSince(capture, offset);
		const frames = countFrames(during.bytes);
		series.push.push(seconds * 1000);
		series.fps.push(frames / seconds);
		series.bytes.push(during.bytes.length / 1024);
		series.bytesPerFrame.push(frames > 0 ? during.bytes.length / frames / 1024 : 0);
		series.cpu.push(cpu);
		series.cpuShare.push((cpu / (seconds * 1000)) * 100);
		series.rss.push((rssKiB ?? NaN) / 1024);
		await quitDashboard(tmux, session);
		log(`dashboard-cost: run ${runIndex + 1}/${runs} done`);
	}
	tmux.killServer();
	await proxy.stop();
	await daemon.stop();

	const label = `${remoteCount} remotes, ${delayMs} ms link`;
	const rows = unavailable
		? [notAvailable(label, 'dashboard during P (push all)', unavailable)]
		: [
				row(label, 'P until all pushed (wall)', 'ms', series.push),
				row(label, 'frames per second (pushing)', 'fps', series.fps),
				row(label, 'bytes to terminal (pushing)', 'KiB', series.bytes),
				row(label, 'bytes per frame', 'KiB', series.bytesPerFrame),
				row(label, 'CPU time of node (pushing)', 'ms', series.cpu),
				row(label, 'CPU share of one core (pushing)', '%', series.cpuShare),
				row(label, 'peak RSS of node', 'MiB', series.rss),
				row(label, 'key answered on screen during pushes (j)', 'ms', series.keyMs),
				row(label, 'frames per second (idle)', 'fps', series.idleFps),
				row(label, 'bytes per second (idle)', 'KiB/s', series.idleBytes),
			];
	return {name: 'dashboard-cost', rows, notes: [`each push sends 10 new commits; terminal 120x40 in tmux; frames = synchronized-update starts`], settings: {runs, remoteCount, delayMs, idleMs}};
}

/** ms from sending `j` until the screen shows the cursor (›) on another row; polled every 5 ms. */
async function keyResponseMs(tmux, session) {
	const cursorRow = () => tmux.capture(session).split('\n').findIndex(line => /^\s*›/.test(line));
	const before = cursorRow();
	const sent = performance.now();
	tmux.sendKeys(session, before >= 0 ? 'j' : 'k');
	const deadline = sent + 5000;
	while (performance.now() < deadline) {
		if (cursorRow() !== before) return performance.now() - sent;
		await delay(5);
	}

	return NaN;
}

if (isMain(import.meta.url)) await runStandalone(run);
