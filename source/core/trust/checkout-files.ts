import {createHash} from 'node:crypto';
import {lstatSync, readFileSync, readlinkSync, realpathSync, statSync} from 'node:fs';
import path from 'node:path';

/**
 * The files of the checkout a trusted command would run. `connect_cmd: "./scripts/vpn-up.sh"`
 * approves the script as it was reviewed, not whatever a later pull puts at that path: trust
 * pins the contents of every file inside the work tree that a command names, and of the files
 * those name in turn (a script's helpers), so editing any of them needs trust again.
 *
 * Words are found the way a shell would split them, roughly: whitespace, quotes and operators
 * end a word. A word in a command that resolves inside the work tree is pinned even when no
 * file is there yet (a pull must not add the script after approval). Inside a pinned file only
 * words naming an existing file, or looking like a path, are followed — within fixed bounds.
 */

export type PinnedFiles = Record<string, string>;

const maxFiles = 64;
const maxPins = 512;
const maxScanBytes = 1024 * 1024;

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

function sha256(data: Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

/** What is at `file` now: its content hash, "absent", or its kind; a symlink also names its target. */
function stateOf(file: string): {state: string; scannable: boolean} {
	let link = '';
	try {
		if (lstatSync(file).isSymbolicLink()) link = `-> ${readlinkSync(file)} `;
	} catch {
		return {state: 'absent', scannable: false};
	}

	try {
		const stats = statSync(file);
		if (!stats.isFile()) return {state: `${link}not a file`, scannable: false};
		const data = readFileSync(file);
		return {state: `${link}sha256:${sha256(data)}`, scannable: data.length <= maxScanBytes};
	} catch (error) {
		return {state: `${link}unreadable (${(error as NodeJS.ErrnoException).code ?? 'error'})`, scannable: false};
	}
}

/**
 * Every checkout file the commands name (relative to the work tree) → what is there now.
 * `cwd` is where the commands run (the repo file's directory).
 */
export function pinCheckoutFiles(commands: readonly string[], cwd: string, workTree: string): PinnedFiles {
	const root = resolvedPath(workTree);
	const pins: PinnedFiles = {};
	const toScan: string[] = [];
	const pin = (word: string, bases: readonly string[], fromCommand: boolean) => {
		for (const base of bases) {
			if (Object.keys(pins).length >= maxPins) return;
			const lexical = path.resolve(base, word);
			const real = resolvedPath(lexical);
			if (!isInside(root, lexical) && !isInside(root, real)) continue;
			const key = path.relative(root, isInside(root, real) ? real : lexical) || '.';
			if (key in pins) continue;
			const {state, scannable} = stateOf(lexical);
			// Inside a script, most words are not paths: keep only the ones that are, or look so.
			if (!fromCommand && state === 'absent' && !word.includes('/')) continue;
			pins[key] = state;
			if (scannable && isInside(root, real) && toScan.length < maxFiles) toScan.push(real);
		}
	};

	for (const command of commands) for (const word of shellWords(command)) pin(word, [cwd], true);
	for (let index = 0; index < toScan.length; index++) {
		const file = toScan[index]!;
		const text = readFileSync(file, 'utf8');
		for (const word of shellWords(text)) pin(word, [cwd, path.dirname(file)], false);
	}

	return pins;
}
