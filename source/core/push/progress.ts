import {monotonicMs} from '../clock.js';
import type {Progress, PushPhase} from '../model.js';

/**
 * Reads git's `--progress` stderr lines (runner.ts already splits them on \r and \n):
 *
 *   Enumerating objects: 34, done.
 *   Counting objects:  41% (14/34)
 *   Compressing objects: 100% (33/33), done.
 *   Writing objects:  60% (20/33), 1.20 MiB | 2.40 MiB/s
 *   remote: Resolving deltas: 100% (2/2), completed with 2 local objects.
 *
 * The layout is git's progress.c (title, "pct% (n/total)" or a bare count, then an optional
 * "size | rate" throughput and ", done."); git runs with LC_ALL=C, so the titles are English.
 * Anything else (hints, "Total 33 (delta 0)", hook output) is not progress: null.
 */

const titles: Record<string, PushPhase> = {
	Enumerating: 'counting',
	Counting: 'counting',
	Compressing: 'compressing',
	Writing: 'writing',
	Resolving: 'resolving',
};

const progressLine = /^(Enumerating|Counting|Compressing|Writing|Resolving) (?:objects|deltas): +(?:(\d+)% \(\d+\/\d+\)|\d+)(?:, (.*))?$/;
const throughput = /^(\d+(?:\.\d+)?) (GiB|MiB|KiB|bytes?)(?: \| (\d+(?:\.\d+)?) (GiB|MiB|KiB|bytes?)\/s)?/;

// A remote's sideband line ends with spaces or an erase-line sequence that wipe the rest
// of the terminal row; neither is part of the message.
const terminalNoise = /\u001B\[[0-9;]*[A-Za-z]/g;

const unitBytes: Record<string, number> = {byte: 1, bytes: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3};

function toBytes(amount: string, unit: string): number {
	return Math.round(Number(amount) * (unitBytes[unit] ?? 1));
}

export function parseProgressLine(raw: string): Progress | null {
	// A push of a few hundred objects redraws its progress a few hundred times: the rewrites run
	// only on lines that need them.
	const plain = (raw.includes('\u001B') ? raw.replace(terminalNoise, '') : raw).trim();
	const line = plain.startsWith('remote:') ? plain.replace(/^remote: +/, '') : plain;
	const match = progressLine.exec(line);
	if (!match) return null;
	const [, title = '', percentText, rest = ''] = match;
	const phase = titles[title];
	if (!phase) return null;

	const progress: Progress = {phase};
	if (percentText !== undefined) progress.percent = Number(percentText);
	else if (/\bdone\.?$/.test(rest)) progress.percent = 100;

	const speed = rest === '' ? null : throughput.exec(rest);
	if (speed) {
		const [, amount = '0', unit = 'bytes', rate, rateUnit] = speed;
		progress.bytes = toBytes(amount, unit);
		if (rate !== undefined && rateUnit !== undefined) progress.bytesPerSecond = toBytes(rate, rateUnit);
	}

	return progress;
}

/**
 * Passes on a push's progress at most once per `everyMs` within a phase, but always a phase's
 * first line and its end (100%). git redraws on every percent; a dashboard row or an event
 * stream needs a few updates a second, and each update copies the snapshot and reaches every
 * listener, while four or eight pushes share two cores with git. Within a phase only the newest
 * line of a read counts: the lines one read of git's stderr brings (a tenth of a second of
 * redraws, or one through a pipe) are held, and the newest goes on once they are all parsed, if
 * `everyMs` has passed. So what shows is never a read behind, and one read is one update.
 */
export function progressGate(forward: (progress: Progress) => void, everyMs = 50, now: () => number = monotonicMs): (progress: Progress) => void {
	let phase: PushPhase | undefined;
	let passedAt = 0;
	let held: Progress | undefined;
	let queued = false;
	const pass = (progress: Progress) => {
		phase = progress.phase;
		passedAt = now();
		held = undefined;
		forward(progress);
	};

	// A microtask runs once the current read's lines are all parsed, and before the push's
	// result (its end reaches us later than that read). Too soon after the last update, the
	// line stays held for the next read, whose newer line replaces it.
	const passHeld = () => {
		queued = false;
		if (held && now() - passedAt >= everyMs) pass(held);
	};

	return progress => {
		if (progress.phase !== phase || progress.percent === 100) {
			pass(progress);
			return;
		}

		held = progress;
		if (!queued) {
			queued = true;
			queueMicrotask(passHeld);
		}
	};
}
