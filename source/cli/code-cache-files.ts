import {closeSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync} from 'node:fs';
import path from 'node:path';
import {sha256Hex} from '../core/trust/sha256.js';

/**
 * Where the program's code cache may come from, and how one is written (load-program.ts). Its
 * bytes become code that runs, so only two places are read:
 *
 * - The build's cache, `program.cjs.v8-cache` beside the program: part of the installation, as
 *   trusted as the program itself (scripts/build/train-code-cache.mjs writes it).
 * - The user's own, in `$XDG_CACHE_HOME/remote-sync/` (an absolute path, else `~/.cache/`), written
 *   at the end of a run that had no cache it could use: a package built on another Node, or V8
 *   flags in NODE_OPTIONS. Like Node 22's compile cache, but never in a shared temp dir: it is
 *   read only from a directory and file that are this user's and nobody else can write, and
 *   only when its bytes still hash to what was written (V8 does not check them: damaged bytes
 *   of the right length crash it, and a crash on every start would have no way back).
 *
 * Each cache file starts with a line naming what it was made for: the program's build (its
 * first line: V8 checks only the source's length), the Node version and architecture, and the
 * options Node was started with (V8 refuses a cache made under other V8 flags). So a cache that
 * cannot serve is known before V8 would compile the file from its source anyway.
 */
export function cacheHeader(programIdLine: string, env: NodeJS.ProcessEnv = process.env, execArgv: readonly string[] = process.execArgv): string {
	return `${programIdLine.trimEnd()} ${process.version} ${process.arch}${startOptions(env, execArgv)}\n`;
}

function startOptions(env: NodeJS.ProcessEnv, execArgv: readonly string[]): string {
	const options = [...execArgv, env.NODE_OPTIONS ?? ''].join(' ').trim();
	return options === '' ? '' : ` options ${options.replaceAll('\n', ' ')}`;
}

/** What follows `header` in a cache file, if the file starts with it. */
function afterHeader(file: string, header: string): Buffer | undefined {
	let cache: Buffer;
	try {
		cache = readFileSync(file);
	} catch {
		return undefined;
	}

	return cache.subarray(0, header.length).toString('latin1') === header ? cache.subarray(header.length) : undefined;
}

/** The build's cache: its header, then the bytecode (part of the installation: not hashed). */
export function readBuildCache(file: string, header: string): Buffer | undefined {
	return afterHeader(file, header);
}

/** The user's cache: its header, then `sha256 <hex>` of the bytecode that follows. */
export function readUserCache(file: string, header: string): Buffer | undefined {
	if (!ownedAndPrivate(path.dirname(file), 'directory') || !ownedAndPrivate(file, 'file')) return undefined;
	const data = afterHeader(file, header);
	const lineEnd = data?.indexOf(10) ?? -1;
	if (!data || lineEnd === -1) return undefined;
	const bytes = data.subarray(lineEnd + 1);
	return data.subarray(0, lineEnd).toString('latin1') === `sha256 ${sha256Hex(bytes)}` ? bytes : undefined;
}

/** Not a link, this user's, and writable by nobody else. */
function ownedAndPrivate(target: string, kind: 'file' | 'directory'): boolean {
	try {
		const stats = lstatSync(target);
		const isKind = kind === 'file' ? stats.isFile() : stats.isDirectory();
		return isKind && (process.getuid === undefined || stats.uid === process.getuid()) && (stats.mode & 0o022) === 0;
	} catch {
		return false;
	}
}

/**
 * Written whole: a new file (never through a link someone put at its name) renamed over the old,
 * so a reader never sees half a cache. By hand, not core/atomic-write.ts: this runs in an exit
 * handler, where only synchronous work happens, and in the bins, which load nothing they can spare.
 */
function writeCache(file: string, contents: Buffer[], mode: number): void {
	const temporary = `${file}.${process.pid}.tmp`;
	const fd = openSync(temporary, 'wx', mode);
	try {
		for (const part of contents) writeSync(fd, part);
	} finally {
		closeSync(fd);
	}

	renameSync(temporary, file);
}

/** The build's cache for a program: readable by whoever runs the installation. */
export function writeBuildCache(file: string, header: string, data: Buffer): void {
	writeCache(file, [Buffer.from(header, 'latin1'), data], 0o644);
}

/**
 * The user's cache file for this build, Node and its options, or undefined without an absolute
 * home. The XDG rule is core/xdg.ts's (a relative XDG_CACHE_HOME is ignored), without its
 * homedir() fallback when HOME is unset: that would bring node:os into every start, for a cache.
 */
export function userCacheFile(programIdLine: string, env: NodeJS.ProcessEnv = process.env, execArgv: readonly string[] = process.execArgv): string | undefined {
	const xdg = env.XDG_CACHE_HOME;
	const base = xdg && path.isAbsolute(xdg) ? xdg : env.HOME && path.isAbsolute(env.HOME) ? path.join(env.HOME, '.cache') : undefined;
	const build = /build (\S+)/.exec(programIdLine)?.[1];
	if (!base || !build || !/^[\w-]+$/.test(build)) return undefined;
	const options = startOptions(env, execArgv);
	const variant = options === '' ? '' : `-${shortHash(options)}`;
	return path.join(base, 'remote-sync', `program-${build}-${process.version}-${process.arch}${variant}.v8-cache`);
}

/** A file-name tag for a set of Node options (the header holds them in full). */
function shortHash(text: string): string {
	let hash = 5381;
	for (let i = 0; i < text.length; i++) hash = ((hash * 33) ^ text.charCodeAt(i)) >>> 0;
	return hash.toString(36);
}

const keptCaches = 4;

/** Writes the user's cache into a private directory and keeps only the newest few files there. */
export function saveUserCache(file: string, header: string, data: Buffer): void {
	const dir = path.dirname(file);
	mkdirSync(dir, {recursive: true, mode: 0o700});
	// A directory someone else can write to is no place for code: no cache then.
	if (!ownedAndPrivate(dir, 'directory')) return;
	writeCache(file, [Buffer.from(`${header}sha256 ${sha256Hex(data)}\n`, 'latin1'), data], 0o600);
	const others = readdirSync(dir)
		.filter(name => /^program-.*\.v8-cache(\.\d+\.tmp)?$/.test(name) && name !== path.basename(file))
		.flatMap(name => {
			try {
				return [{name, mtime: lstatSync(path.join(dir, name)).mtimeMs}];
			} catch {
				return [];
			}
		})
		.sort((a, b) => b.mtime - a.mtime);
	for (const {name} of others.slice(keptCaches - 1)) rmSync(path.join(dir, name), {force: true});
}
