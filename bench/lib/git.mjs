import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {onCleanup} from './cleanup.mjs';

// Variables that would point git (or our tool) at something other than the sandbox.
const leaking = /^(GIT_|REMOTE_SYNC_)/;

/**
 * A throw-away directory with its own HOME, XDG config dir and global git config, removed at
 * cleanup. Every git and every tool run of a benchmark gets `env`, so the machine's own config
 * (hooks, aliases, credential helpers, a user config of remote-sync) never changes a figure.
 */
export function createSandbox(label) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), `remote-sync-bench-${label}-`));
	onCleanup(() => fs.rmSync(dir, {recursive: true, force: true}));
	const home = path.join(dir, 'home');
	fs.mkdirSync(path.join(home, '.config'), {recursive: true});
	// gc.auto=0: an automatic gc in a remote halfway through the runs would be noise, not signal.
	fs.writeFileSync(
		path.join(home, '.gitconfig'),
		'[user]\n\tname = Bench\n\temail = bench@example.invalid\n[init]\n\tdefaultBranch = main\n[gc]\n\tauto = 0\n[advice]\n\tdetachedHead = false\n',
	);
	const env = {};
	for (const [key, value] of Object.entries(process.env)) if (!leaking.test(key)) env[key] = value;
	Object.assign(env, {HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C'});
	return {dir, env, path: (...parts) => path.join(dir, ...parts)};
}

/** Run git synchronously (setup only, never a measured step); returns trimmed stdout. */
export function git(cwd, env, args, input) {
	return execFileSync('git', args, {cwd, env, input, encoding: 'utf8', stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024}).trim();
}

export function initRepo(dir, env, {bare = false} = {}) {
	fs.mkdirSync(dir, {recursive: true});
	git(dir, env, bare ? ['init', '-q', '--bare'] : ['init', '-q']);
	return dir;
}

/** Bare copy of `source` (objects hardlinked: fast, and pushes into it never touch `source`). */
export function cloneBare(source, dest, env) {
	git(path.dirname(dest), env, ['clone', '-q', '--bare', source, dest]);
	return dest;
}

/**
 * Append `commits` commits to the current branch of `repo` in one `git fast-import` run.
 * Text files whose lines change a few at a time, so packs delta-compress like source code
 * does; deterministic for a given seed. Returns the new tip.
 */
export function makeHistory(repo, env, {commits, files = 20, bytesPerFile = 2048, seed = 1, label = 'change'}) {
	const linesPerFile = Math.max(1, Math.ceil(bytesPerFile / 64));
	const random = seededRandom(seed * 7919 + files * 31 + commits);
	const line = () => `${random().toString(16).padStart(8, '0')} ${'x'.repeat(46)} ${random().toString(36).padStart(7, '0')}`.slice(0, 63);
	const contents = Array.from({length: files}, () => Array.from({length: linesPerFile}, line));
	const ref = git(repo, env, ['symbolic-ref', 'HEAD']);
	const parent = tryGit(repo, env, ['rev-parse', '--verify', '-q', 'HEAD']);
	const changedPerCommit = Math.max(1, Math.ceil(files / 10));
	const started = Number(tryGit(repo, env, ['log', '-1', '--format=%ct']) ?? 1_700_000_000);
	const stream = [];
	const emitFile = index => {
		const data = `${contents[index].join('\n')}\n`;
		stream.push(`M 100644 inline src/module-${String(index).padStart(4, '0')}.txt\ndata ${Buffer.byteLength(data)}\n${data}\n`);
	};

	for (let n = 0; n < commits; n++) {
		const message = `${label} ${n + 1}: update ${changedPerCommit} module(s)\n`;
		const when = started + (n + 1) * 60;
		stream.push(`commit ${ref}\nauthor Bench <bench@example.invalid> ${when} +0000\ncommitter Bench <bench@example.invalid> ${when} +0000\n`, `data ${Buffer.byteLength(message)}\n${message}`);
		if (n === 0 && parent) stream.push(`from ${parent}\n`);
		// A fresh history writes every file once; on top of an existing one only the edits count.
		if (n === 0 && !parent) for (let index = 0; index < files; index++) emitFile(index);
		else {
			for (let k = 0; k < changedPerCommit; k++) {
				const index = random() % files;
				const lines = contents[index];
				for (let edit = 0; edit < 3; edit++) lines[random() % lines.length] = line();
				emitFile(index);
			}
		}
		stream.push('\n');
	}

	git(repo, env, ['fast-import', '--quiet', '--force'], stream.join(''));
	if (git(repo, env, ['rev-parse', '--is-bare-repository']) === 'false') git(repo, env, ['reset', '-q', '--hard']);
	return git(repo, env, ['rev-parse', ref]);
}

/** Tip of a branch read straight from a (bare) repository's files: no process, cheap to poll. */
export function readTip(repo, branch = 'main') {
	try {
		return fs.readFileSync(path.join(repo, 'refs', 'heads', branch), 'utf8').trim();
	} catch {
		const packed = fs.existsSync(path.join(repo, 'packed-refs')) ? fs.readFileSync(path.join(repo, 'packed-refs'), 'utf8') : '';
		return packed.split('\n').find(l => l.endsWith(` refs/heads/${branch}`))?.split(' ')[0];
	}
}

function tryGit(repo, env, args) {
	try {
		return git(repo, env, args) || undefined;
	} catch {
		return undefined;
	}
}

/** mulberry32: small, fast and the same everywhere, so histories are reproducible. */
function seededRandom(seed) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return (t ^ (t >>> 14)) >>> 0;
	};
}
