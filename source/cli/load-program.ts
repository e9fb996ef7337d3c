import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import vm from 'node:vm';
import {cacheHeader, readBuildCache, readUserCache, saveUserCache, userCacheFile, writeBuildCache} from './code-cache-files.js';

export type Program = typeof import('./program.js');

/** dist/program.cjs and the build's code cache, beside this file in the build (scripts/build/build.mjs). */
export const programFile = fileURLToPath(new URL('program.cjs', import.meta.url));
export const buildCacheFile = `${programFile}.v8-cache`;

/** What Node wraps a CommonJS file in (the program sees the usual module variables), and the dashboard's loader. */
export const programWrapper = {head: '(function (exports, require, module, __filename, __dirname, __importDashboard) {', tail: '\n})'};

/** The dashboard's ES module file, loaded here for the program (source/cli/import-dashboard.ts). */
const importDashboard = async (): Promise<unknown> => import(new URL('dashboard.mjs', import.meta.url).href);

export type CacheFiles = {build: string; user: string | undefined};

export type CompiledProgram = {
	program: Program;
	script: vm.Script;
	/** Which cache the compile took, if any. */
	cacheUsed: 'build' | 'user' | undefined;
	/** Writes the user's cache when the run had none it could use and ran an action; the bins call it at exit. */
	saveCache(): void;
};

function idLineOf(source: string): string {
	return source.slice(0, source.indexOf('\n'));
}

/**
 * Node 20 can cache compiled code only for a script compiled by hand (vm.Script's cachedData;
 * its module loaders keep none before Node 22's compile cache). So the program is one CommonJS
 * file, compiled here from a code cache: a start then skips parsing the file and compiling most
 * of what it runs (bench/README.md, "code cache"). Which caches, and when one is written:
 * code-cache-files.ts. The user's comes first: it exists only where the build's did not serve.
 */
export function compileProgram(file = programFile, caches?: CacheFiles): CompiledProgram {
	const source = readFileSync(file, 'utf8');
	const idLine = idLineOf(source);
	const header = cacheHeader(idLine);
	const files = caches ?? {build: buildCacheFile, user: userCacheFile(idLine)};
	const user = files.user === undefined ? undefined : readUserCache(files.user, header);
	const found = user ? {kind: 'user' as const, data: user} : {kind: 'build' as const, data: readBuildCache(files.build, header)};
	const script = new vm.Script(programWrapper.head + source + programWrapper.tail, {filename: file, cachedData: found.data});
	const module = {exports: {} as Program};
	(script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file), importDashboard);
	const cacheUsed = found.data && !script.cachedDataRejected ? found.kind : undefined;
	return {
		program: module.exports,
		script,
		cacheUsed,
		saveCache() {
			// --version or --help compiled next to nothing: a cache of that would serve no action.
			if (cacheUsed || !files.user || !module.exports.ranAnAction()) return;
			try {
				saveUserCache(files.user, header, script.createCachedData());
			} catch {
				// A read-only or full home: the next start compiles from the source again, only slower.
			}
		},
	};
}

/** The build's cache for `file`, from a script that ran it (scripts/build/train-code-cache.mjs). */
export function saveBuildCache(file: string, script: vm.Script): void {
	writeBuildCache(`${file}.v8-cache`, cacheHeader(idLineOf(readFileSync(file, 'utf8'))), script.createCachedData());
}

/**
 * What each bin does: load the program and run it under the bin's name. The program answers
 * every failure of its own with a line and an exit code; this is for an installation that
 * cannot load it at all (a file missing or unreadable).
 */
export function startProgram(programName: Parameters<Program['start']>[0]): void {
	let compiled: CompiledProgram;
	try {
		compiled = compileProgram();
	} catch (error) {
		process.stderr.write(`error: cannot load ${programFile}: ${error instanceof Error ? error.message : String(error)} — reinstall remote-sync-tui\n`);
		process.exitCode = 1;
		return;
	}

	// At exit, what this run compiled is what the next one is likely to run.
	process.once('exit', () => compiled.saveCache());
	void compiled.program.start(programName);
}
