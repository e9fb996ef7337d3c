import {mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';

/**
 * Where the program's code cache may come from, and how one is written (load-program.ts).
 *
 * A cache file starts with a header line: the program's own first line (its build's id, see
 * scripts/build/build.mjs) and the Node version and architecture that made it. V8 checks the
 * source's length only, so the header is what ties a cache to one build; and it says at once
 * whether this Node could take it, before V8 would compile the file from its source anyway.
 *
 * - The build's cache, `program.cjs.v8-cache` beside the program (scripts/build/train-code-cache.mjs).
 * - The user's cache, `$XDG_CACHE_HOME/remote-sync/` (else `~/.cache/remote-sync/`), written at
 *   the end of a run that had no cache it could use: a package built on another Node version,
 *   or V8 flags in NODE_OPTIONS. Like Node 22's compile cache, but in the user's own directory
 *   (0700), never a shared temp dir: its bytes become code that runs.
 */
export function cacheHeader(programIdLine: string): string {
	return `${programIdLine.trimEnd()} ${process.version} ${process.arch}\n`;
}

/** The bytecode after `header`, if the file starts with it. */
export function readCache(file: string, header: string): Buffer | undefined {
	let cache: Buffer;
	try {
		cache = readFileSync(file);
	} catch {
		return undefined;
	}

	return cache.subarray(0, header.length).toString('latin1') === header ? cache.subarray(header.length) : undefined;
}

/** Header and bytecode, written whole (a temp file renamed over): a reader never sees half a cache. */
export function writeCache(file: string, header: string, data: Buffer): void {
	const temporary = `${file}.${process.pid}.tmp`;
	writeFileSync(temporary, Buffer.concat([Buffer.from(header, 'latin1'), data]), {mode: 0o600});
	renameSync(temporary, file);
}

/** The user's cache file for this build on this Node, or undefined without a usable home. */
export function userCacheFile(programIdLine: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
	const xdg = env.XDG_CACHE_HOME;
	const base = xdg && path.isAbsolute(xdg) ? xdg : env.HOME && path.isAbsolute(env.HOME) ? path.join(env.HOME, '.cache') : undefined;
	const build = /build (\S+)/.exec(programIdLine)?.[1];
	if (!base || !build || !/^[\w-]+$/.test(build)) return undefined;
	return path.join(base, 'remote-sync', `program-${build}-${process.version}-${process.arch}.v8-cache`);
}

const keptCaches = 4;

/** Writes the user's cache and keeps only the newest few (each build and Node version has its own). */
export function saveUserCache(file: string, header: string, data: Buffer): void {
	const dir = path.dirname(file);
	mkdirSync(dir, {recursive: true, mode: 0o700});
	writeCache(file, header, data);
	const others = readdirSync(dir)
		.filter(name => /^program-.*\.v8-cache$/.test(name) && name !== path.basename(file))
		.map(name => ({name, mtime: statSync(path.join(dir, name)).mtimeMs}))
		.sort((a, b) => b.mtime - a.mtime);
	for (const {name} of others.slice(keptCaches - 1)) rmSync(path.join(dir, name), {force: true});
}
