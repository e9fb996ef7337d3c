import {spawnSync} from 'node:child_process';
import {lstatSync, readFileSync, readlinkSync, realpathSync, statSync} from 'node:fs';
import path from 'node:path';
import {gitEnvironment} from '../git/environment.js';
import {sha256Hex} from './sha256.js';

/**
 * The files of the checkout a trusted command would run. `connect_cmd: "./scripts/vpn-up.sh"`
 * approves the script as it was reviewed, not whatever a later pull puts at that path: trust
 * pins the contents of every file git tracks in the work tree that a command names, and of the
 * tracked files those name in turn (a script's helpers), so changing any of them needs trust
 * again — and so does a pull that adds a tracked file where a command points at nothing yet.
 *
 * Only tracked files are what a repository controls. Untracked ones are the user's machine
 * writing (a pid file, a log, a file the command itself creates): pinning them would make
 * every run look like a change, so they count as "not in the repository" like absent ones.
 * Words are split the way a shell would, roughly; within fixed bounds.
 */

export type PinnedFiles = Record<string, string>;

const maxFiles = 64;
const maxPins = 512;
const maxScanBytes = 1024 * 1024;
const gitTimeoutMs = 15_000;

function shellWords(text: string): string[] {
	return text.split(/[\s;|&()<>`'"=$,{}]+/).filter(word => word !== '' && !word.startsWith('-'));
}

/** realpath of `file`, or of its nearest existing ancestor joined with the rest. */
function resolvedPath(file: string): string {
	const rest: string[] = [];
	let current = file;
	for (;;) {
		try {
			return path.join(realpathSync(current), ...rest);
		} catch {
			const parent = path.dirname(current);
			if (parent === current) return file;
			rest.unshift(path.basename(current));
			current = parent;
		}
	}
}

function isInside(root: string, file: string): boolean {
	return file === root || file.startsWith(root + path.sep);
}

/** Work-tree paths git tracks (relative, `/`-separated), or undefined when git cannot tell. Local and quick. */
function trackedFiles(root: string): Set<string> | undefined {
	const listed = spawnSync('git', ['ls-files', '-z', '--full-name'], {cwd: root, env: gitEnvironment(process.env), encoding: 'utf8', timeout: gitTimeoutMs, maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore']});
	return listed.status === 0 ? new Set(listed.stdout.split('\0').filter(Boolean)) : undefined;
}

/** What is at a tracked path now: its content hash, or its kind; a symlink also names its target. */
function stateOf(file: string): {state: string; scannable: boolean} {
	let link = '';
	try {
		if (lstatSync(file).isSymbolicLink()) link = `-> ${readlinkSync(file)} `;
		const stats = statSync(file);
		if (!stats.isFile()) return {state: `${link}not a file`, scannable: false};
		const data = readFileSync(file);
		return {state: `${link}sha256:${sha256Hex(data)}`, scannable: data.length <= maxScanBytes};
	} catch (error) {
		return {state: `${link}unreadable (${(error as NodeJS.ErrnoException).code ?? 'error'})`, scannable: false};
	}
}

/**
 * Every checkout path the commands name (relative to the work tree) → what is there now
 * ("not in the repository" unless git tracks it). `cwd` is where the commands run.
 */
export function pinCheckoutFiles(commands: readonly string[], cwd: string, workTree: string): PinnedFiles {
	const root = resolvedPath(workTree);
	const tracked = trackedFiles(root);
	// Without git's answer nothing can be pinned: a value that never repeats keeps the commands untrusted.
	if (tracked === undefined) return {'(tracked files)': `git ls-files failed at ${process.hrtime.bigint()}`};
	const pins: PinnedFiles = {};
	const toScan: string[] = [];
	const pin = (word: string, bases: readonly string[], fromCommand: boolean) => {
		for (const base of bases) {
			if (Object.keys(pins).length >= maxPins) return;
			const lexical = path.resolve(base, word);
			// The directories resolved, the last name kept: that is how git lists a tracked symlink.
			const located = path.join(resolvedPath(path.dirname(lexical)), path.basename(lexical));
			if (!isInside(root, located)) continue;
			const key = path.relative(root, located).split(path.sep).join('/') || '.';
			if (key in pins) continue;
			if (!tracked.has(key)) {
				// Inside a script most words are not paths: keep the ones that look like one.
				if (fromCommand || word.includes('/')) pins[key] = 'not in the repository';
				continue;
			}

			const {state, scannable} = stateOf(located);
			pins[key] = state;
			const real = resolvedPath(located);
			if (scannable && isInside(root, real) && toScan.length < maxFiles && !toScan.includes(real)) toScan.push(real);
		}
	};

	for (const command of commands) for (const word of shellWords(command)) pin(word, [cwd], true);
	for (let index = 0; index < toScan.length; index++) {
		const file = toScan[index]!;
		for (const word of shellWords(readFileSync(file, 'utf8'))) pin(word, [cwd, path.dirname(file)], false);
	}

	return pins;
}
