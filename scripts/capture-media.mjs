#!/usr/bin/env node
/**
 * Records the README's pictures from the real demo: runs `--demo` in a tmux of its own, presses
 * `P` (push all), answers `n` to the force-push question, captures the screen with colours every
 * ~250 ms, quits, and writes media/: SVGs always (scripts/ansi-to-svg.mjs), PNGs when
 * `rsvg-convert` is installed, an animated GIF when ImageMagick's `convert` is too.
 *
 *   npm run build && node scripts/capture-media.mjs [--columns 120] [--rows 40] [--seconds 8]
 *
 * Every wait is bounded; the tmux server (its own -L socket) is killed at the end, also on
 * failure and Ctrl-C, and the demo removes its sandbox when it quits.
 */
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {ansiToSvg} from './ansi-to-svg.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mediaDir = path.join(root, 'media');
const framesDir = path.join(mediaDir, 'frames');
// The dashboard bin, as package.json names it.
const cli = path.join(root, JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).bin['remote-sync-tui']);

const flag = (name, fallback) => {
	const i = process.argv.indexOf(`--${name}`);
	if (i === -1) return fallback;
	const value = Number(process.argv[i + 1]);
	if (Number.isFinite(value) && value > 0) return value;
	console.error(`capture-media: --${name} needs a positive number, e.g. --${name} ${fallback}`);
	process.exit(2);
};
// 40 rows: tall enough that the dashboard opens its log pane beside the list and details.
const columns = flag('columns', 120);
const rows = flag('rows', 40);
const seconds = flag('seconds', 8);
const intervalMs = 250;
const sequenceLength = 10;
const title = 'remote-sync-tui --demo';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Thrown for anything the user can fix; printed as one message, the tmux server still killed. */
class CaptureError extends Error {}

function fail(message) {
	throw new CaptureError(message);
}

/** A tmux server of our own: a socket named after this process, a config with remain-on-exit. */
function startTmux() {
	const socket = `remote-sync-media-${process.pid}`;
	const config = path.join(os.tmpdir(), `${socket}.conf`);
	// remain-on-exit: if the demo dies at once, its last words stay on screen for the error message.
	fs.writeFileSync(config, 'set-option -g remain-on-exit on\nset-option -g history-limit 0\nset-option -g status off\n');
	const env = {...process.env, CI: 'false', TERM: 'xterm-256color', COLORTERM: 'truecolor', SHELL: '/bin/sh'};
	delete env.TMUX;
	const tmux = (...args) => execFileSync('tmux', ['-L', socket, '-f', config, ...args], {env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
	let socketPath;
	const stop = () => {
		try {
			tmux('kill-server');
		} catch {
			// no server running
		}
		// tmux leaves its socket file behind; it is ours, so it goes too.
		if (socketPath) fs.rmSync(socketPath, {force: true});
		fs.rmSync(config, {force: true});
	};
	/** Call once the server runs: remembers where its socket is, for stop(). */
	const noteSocket = () => {
		socketPath = tmux('display-message', '-p', '#{socket_path}').trim();
	};
	return {tmux, stop, noteSocket};
}

async function waitFor(read, predicate, what, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const screen = read();
		if (predicate(screen)) return screen;
		if (Date.now() > deadline) fail(`gave up after ${timeoutMs / 1000}s waiting for ${what}; the screen was:\n${screen}`);
		await sleep(100);
	}
}

const stripSgr = (screen) => screen.replace(/\x1b\[[0-9;:]*m/g, '');
const progressRows = (plain) => plain.split('\n').filter((line) => line.includes('█')).length;
const blockCount = (plain) => [...plain].filter((ch) => ch === '█').length;
// Lines with a braille spinner: remotes busy right now, with or without a bar yet.
const busyRows = (plain) => plain.split('\n').filter((line) => /[\u2800-\u28ff]/u.test(line)).length;

async function record({tmux, noteSocket}) {
	const session = 'media';
	tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows), '-c', root, `node '${cli}' --demo`);
	noteSocket();
	const plain = () => tmux('capture-pane', '-p', '-t', session);
	const ansi = () => tmux('capture-pane', '-p', '-e', '-t', session);
	/**
	 * A whole frame: ink erases and rewrites the screen, and a capture taken mid-write shows half
	 * of it. Complete means the footer (drawn last) is there and a second look 20 ms later agrees;
	 * a few tries at most, then the last complete-looking one.
	 */
	const frame = async () => {
		let last;
		for (let attempt = 0; attempt < 10; attempt++) {
			const first = ansi();
			await sleep(20);
			const second = ansi();
			const whole = (screen) => /q\s+quit/.test(stripSgr(screen));
			if (whole(second)) last = second;
			if (first === second && whole(second)) return second;
		}
		return last ?? ansi();
	};
	const dead = () => tmux('display-message', '-p', '-t', session, '#{pane_dead}').trim() === '1';
	const notDead = (check) => (screen) => {
		if (dead()) fail(`the demo exited early; its screen was:\n${screen}`);
		return check(screen);
	};

	// The first frame worth showing: every remote's status has been read (no "reading…" left).
	await waitFor(plain, notDead((s) => s.includes('slow-mirror') && s.includes('ahead') && !s.includes('reading')), 'the demo to read every status', 30_000);
	await sleep(500);
	const idle = await frame();

	tmux('send-keys', '-t', session, 'P');
	const frames = [];
	let askedAt;
	let answeredAt;
	const started = Date.now();
	const settleMs = 1500;
	// Record for `seconds`, and past the answer (30 s at most) so the settled screen is recorded too.
	const recording = () => {
		const elapsed = Date.now() - started;
		if (elapsed > 30_000) return false;
		return elapsed < seconds * 1000 || answeredAt === undefined || elapsed < answeredAt + settleMs;
	};
	while (recording()) {
		const at = Date.now();
		const screen = await frame();
		const shot = {ms: at - started, ansi: screen, plain: stripSgr(screen)};
		frames.push(shot);
		if (answeredAt === undefined && shot.plain.includes('Force-push')) {
			shot.dialog = true;
			// Answer as a person would, after reading it: the question stays on screen for a few frames.
			askedAt ??= shot.ms;
			if (shot.ms - askedAt >= 750) {
				tmux('send-keys', '-t', session, 'n');
				answeredAt = shot.ms;
			}
		}
		await sleep(Math.max(0, intervalMs - (Date.now() - at)));
	}
	if (answeredAt === undefined) console.warn('capture-media: the force-push question never appeared; recorded anyway');

	tmux('send-keys', '-t', session, 'q');
	const deadline = Date.now() + 10_000;
	let confirmed = false;
	while (!dead() && Date.now() < deadline) {
		// Quitting while work runs asks first; answer yes once.
		if (!confirmed && plain().includes('Quit anyway?')) {
			tmux('send-keys', '-t', session, 'y');
			confirmed = true;
		}
		await sleep(100);
	}
	if (!dead()) console.warn('capture-media: the demo did not quit within 10 s; killing its tmux server');
	// The animation ends shortly after the answer: later frames only change "status Ns ago".
	const animated = answeredAt === undefined ? frames : frames.filter((f) => f.ms <= answeredAt + settleMs);
	return {idle, frames, animated};
}

/** The frame with the most rows showing a progress bar at once (ties: more rows busy, fuller bars). */
function busiest(frames) {
	const score = (f) => [progressRows(f.plain), busyRows(f.plain), blockCount(f.plain)];
	const better = (a, b) => {
		for (const [i, v] of a.entries()) if (v !== b[i]) return v > b[i];
		return false;
	};
	return frames.reduce((best, f) => (better(score(f), score(best)) ? f : best));
}

/** `count` frames evenly spaced from the first to the last; the force-push question always among them. */
function evenly(frames, count) {
	if (frames.length <= count) return frames;
	const picked = Array.from({length: count}, (_, i) => Math.round((i * (frames.length - 1)) / (count - 1)));
	const dialog = frames.findLastIndex((f) => f.dialog);
	if (dialog !== -1 && !picked.includes(dialog)) {
		const nearest = picked.reduce((best, index, k) => (Math.abs(index - dialog) < Math.abs(picked[best] - dialog) ? k : best), 1);
		if (nearest > 0 && nearest < count - 1) picked[nearest] = dialog;
	}
	return picked.map((index) => frames[index]);
}

function has(command, args) {
	try {
		return execFileSync(command, args, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']});
	} catch {
		return undefined;
	}
}

function writeImages({idle, frames, animated}) {
	const svg = (screen) => ansiToSvg(screen, {columns, rows, title});
	fs.rmSync(framesDir, {recursive: true, force: true});
	fs.mkdirSync(framesDir, {recursive: true});
	const push = busiest(frames);
	fs.writeFileSync(path.join(mediaDir, 'dashboard-idle.svg'), svg(idle));
	fs.writeFileSync(path.join(mediaDir, 'dashboard-push.svg'), svg(push.ansi));
	const picked = evenly(animated, sequenceLength);
	const sequence = picked.map((frame, i) => {
		const file = path.join(framesDir, `frame-${String(i + 1).padStart(2, '0')}.svg`);
		fs.writeFileSync(file, svg(frame.ansi));
		return file;
	});
	console.log(`push frame at ${push.ms} ms: ${progressRows(push.plain)} rows with progress bars`);

	if (!has('rsvg-convert', ['--version'])) {
		console.warn('capture-media: rsvg-convert not found (apt-get install librsvg2-bin): SVGs only');
		return;
	}
	const png = (from, to) => execFileSync('rsvg-convert', ['--format', 'png', '--output', to, from]);
	for (const name of ['dashboard-idle', 'dashboard-push']) png(path.join(mediaDir, `${name}.svg`), path.join(mediaDir, `${name}.png`));

	if (!/ImageMagick/.test(has('convert', ['-version']) ?? '')) {
		console.warn('capture-media: ImageMagick convert not found (apt-get install imagemagick): no GIF');
		return;
	}
	const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'remote-sync-media-'));
	try {
		const pngs = sequence.map((file, i) => {
			const out = path.join(scratch, `${i}.png`);
			png(file, out);
			return out;
		});
		// ~0.6 s a frame; the question and the last frame are held longer so they can be read.
		const hold = (i) => (i === pngs.length - 1 ? '300' : picked[i].dialog ? '200' : '60');
		const delays = pngs.flatMap((file, i) => ['-delay', hold(i), file]);
		// One shared 64-colour palette without dithering: flat terminal colours, a small file.
		execFileSync('convert', ['-loop', '0', ...delays, '+dither', '-colors', '64', '-layers', 'Optimize', path.join(mediaDir, 'dashboard-push.gif')]);
	} finally {
		fs.rmSync(scratch, {recursive: true, force: true});
	}
}

async function main() {
	if (!fs.existsSync(cli)) fail(`${path.relative(root, cli)} is missing: run \`npm run build\` first`);
	if (!has('tmux', ['-V'])) fail('tmux is not installed (apt-get install tmux)');
	const server = startTmux();
	const {stop} = server;
	const onSignal = () => {
		stop();
		process.exit(130);
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	let recording;
	try {
		recording = await record(server);
	} finally {
		stop();
	}
	fs.mkdirSync(mediaDir, {recursive: true});
	writeImages(recording);
	for (const file of fs.readdirSync(mediaDir, {recursive: true}).sort()) {
		const full = path.join(mediaDir, file);
		if (fs.statSync(full).isFile()) console.log(`${String(fs.statSync(full).size).padStart(8)}  media/${file}`);
	}
}

try {
	await main();
} catch (error) {
	if (!(error instanceof CaptureError)) throw error;
	console.error(`capture-media: ${error.message}`);
	process.exitCode = 1;
}
