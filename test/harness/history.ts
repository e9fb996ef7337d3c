import {seededRandom} from './random.js';
import {execFileSync} from 'node:child_process';
import {git, gitEnv} from './repo.js';

export type HistoryOptions = {
	commits: number;
	/** Files in the tree (default 20). */
	files?: number;
	/** Size of each file (default 2048). */
	bytesPerFile?: number;
};

/**
 * Append `commits` commits to the current branch of `repo` (bare or not) in one
 * `git fast-import` run — thousands per second, where `git commit` in a loop manages dozens.
 * Realistic-ish: text files whose lines change a few at a time (so packs delta-compress like
 * source code does), deterministic content and dates. Returns the new tip.
 */
export function makeHistory(repo: string, options: HistoryOptions): string {
	const fileCount = Math.max(1, options.files ?? 20);
	const linesPerFile = Math.max(1, Math.ceil((options.bytesPerFile ?? 2048) / 64));
	const random = seededUint32(fileCount * 7919 + options.commits);
	const line = () => `${random().toString(16).padStart(8, '0')} ${'x'.repeat(46)} ${random().toString(36).padStart(7, '0')}`.slice(0, 63);
	const contents = Array.from({length: fileCount}, () => Array.from({length: linesPerFile}, line));
	const ref = git(repo, 'symbolic-ref', 'HEAD');
	const parent = tryGit(repo, 'rev-parse', '--verify', '-q', 'HEAD');
	const changedPerCommit = Math.max(1, Math.ceil(fileCount / 10));

	const stream: string[] = [];
	const emitFile = (index: number) => {
		const data = `${contents[index]!.join('\n')}\n`;
		stream.push(`M 100644 inline src/module-${String(index).padStart(4, '0')}.txt\ndata ${Buffer.byteLength(data)}\n${data}\n`);
	};

	for (let n = 0; n < options.commits; n++) {
		const message = `change ${n + 1}: update ${changedPerCommit} module(s)\n`;
		const when = 1_700_000_000 + n * 60;
		stream.push(
			`commit ${ref}\nauthor Test <test@example.invalid> ${when} +0000\ncommitter Test <test@example.invalid> ${when} +0000\n`,
			`data ${Buffer.byteLength(message)}\n${message}`,
		);
		if (n === 0 && parent) stream.push(`from ${parent}\n`);
		if (n === 0) {
			for (let index = 0; index < fileCount; index++) emitFile(index);
		} else {
			for (let k = 0; k < changedPerCommit; k++) {
				const index = random() % fileCount;
				const lines = contents[index]!;
				for (let edit = 0; edit < 3; edit++) lines[random() % lines.length] = line();
				emitFile(index);
			}
		}

		stream.push('\n');
	}

	execFileSync('git', ['fast-import', '--quiet'], {cwd: repo, env: gitEnv(), input: stream.join(''), stdio: ['pipe', 'ignore', 'pipe']});
	// fast-import moved the branch under the work tree: bring index and files along.
	if (tryGit(repo, 'rev-parse', '--is-bare-repository') === 'false') git(repo, 'reset', '-q', '--hard');
	return git(repo, 'rev-parse', ref);
}

function tryGit(repo: string, ...args: string[]): string | undefined {
	try {
		return git(repo, ...args) || undefined;
	} catch {
		return undefined;
	}
}

/** The seeded PRNG as whole 32-bit numbers. */
function seededUint32(seed: number): () => number {
	const next = seededRandom(seed);
	return () => Math.floor(next() * 4_294_967_296);
}
