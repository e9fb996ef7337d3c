import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import vm from 'node:vm';

export type Program = typeof import('./program.js');

/** dist/program.cjs and its code cache, beside this file in the build (scripts/build/build.mjs). */
export const programFile = fileURLToPath(new URL('program.cjs', import.meta.url));
export const codeCacheFile = `${programFile}.v8-cache`;

/** What Node wraps a CommonJS file in (the program sees the usual module variables), and the dashboard's loader. */
export const programWrapper = {head: '(function (exports, require, module, __filename, __dirname, __importDashboard) {', tail: '\n})'};

/** The dashboard's ES module file, loaded here for the program (source/cli/import-dashboard.ts). */
const importDashboard = async (): Promise<unknown> => import(new URL('dashboard.js', import.meta.url).href);

export type CompiledProgram = {program: Program; script: vm.Script; cacheUsed: boolean};

/**
 * Node 20 can cache compiled code only for a script compiled by hand (vm.Script's cachedData;
 * its module loaders keep none before Node 22's compile cache). So the program is one CommonJS
 * file, compiled here with the bytecode the build saved for it: a start then skips parsing and
 * compiling most of what it runs (bench/README.md, "code cache").
 *
 * The cache belongs to one build of the file: its first line is that build's id, and the cache
 * file starts with the same line. V8 itself rejects a cache made by another Node or with other
 * V8 flags (cachedDataRejected); then the file is compiled as usual, only slower.
 */
export function compileProgram(file = programFile, cacheFile = codeCacheFile): CompiledProgram {
	const source = readFileSync(file, 'utf8');
	const cachedData = cacheFor(source.slice(0, source.indexOf('\n') + 1), cacheFile);
	const script = new vm.Script(programWrapper.head + source + programWrapper.tail, {
		filename: file,
		cachedData,
	});
	const module = {exports: {} as Program};
	(script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file), importDashboard);
	return {program: module.exports, script, cacheUsed: cachedData !== undefined && !script.cachedDataRejected};
}

function cacheFor(idLine: string, cacheFile: string): Buffer | undefined {
	let cache: Buffer;
	try {
		cache = readFileSync(cacheFile);
	} catch {
		return undefined; // No cache (a development build, or the training run could not run): compile.
	}

	return idLine.length > 1 && cache.subarray(0, idLine.length).toString('latin1') === idLine ? cache.subarray(idLine.length) : undefined;
}

/** What each bin does: load the program and run it under the bin's name. */
export async function startProgram(programName: Parameters<Program['start']>[0]): Promise<void> {
	await compileProgram().program.start(programName);
}
