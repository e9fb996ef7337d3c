import {copyFileSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {compileProgram} from '../../source/cli/load-program.js';
import {tempDir} from '../harness/index.js';
import {binPaths} from './run-cli.js';

/**
 * The program's code cache (source/cli/load-program.ts) is used only for the very build that
 * made it; any other cache is left alone and the program compiles from its source, still whole.
 * Copies of the built program, so the real dist/ is never touched.
 */
const dist = path.dirname(binPaths['remote-sync']);

function copyOfBuild(): {file: string; cacheFile: string} {
	const dir = tempDir('rst-program-');
	const file = path.join(dir, 'program.cjs');
	const cacheFile = `${file}.v8-cache`;
	copyFileSync(path.join(dist, 'program.cjs'), file);
	copyFileSync(path.join(dist, 'program.cjs.v8-cache'), cacheFile);
	return {file, cacheFile};
}

describe('the program\'s code cache', () => {
	it('is used for the build that made it', () => {
		const {file, cacheFile} = copyOfBuild();
		const {program, cacheUsed} = compileProgram(file, cacheFile);
		expect(cacheUsed).toBe(true);
		expect(typeof program.main).toBe('function');
	});

	it('is not used for another build of the same length: V8 checks only the length, the first line names the build', () => {
		const {file, cacheFile} = copyOfBuild();
		const source = readFileSync(file, 'utf8');
		const idLine = source.slice(0, source.indexOf('\n'));
		const otherId = idLine.replace(/[0-9a-f](?=[^0-9a-f]*$)/, digit => (digit === '0' ? '1' : '0'));
		expect(otherId).not.toBe(idLine);
		expect(otherId).toHaveLength(idLine.length);
		writeFileSync(file, otherId + source.slice(idLine.length));
		const {program, cacheUsed} = compileProgram(file, cacheFile);
		expect(cacheUsed).toBe(false);
		expect(typeof program.main).toBe('function');
	});

	it('a damaged or missing cache: the program compiles from its source', () => {
		const {file, cacheFile} = copyOfBuild();
		const cache = readFileSync(cacheFile);
		writeFileSync(cacheFile, cache.subarray(0, Math.floor(cache.length / 2)));
		const damaged = compileProgram(file, cacheFile);
		expect(damaged.cacheUsed).toBe(false);
		expect(typeof damaged.program.main).toBe('function');
		const missing = compileProgram(file, path.join(path.dirname(file), 'none'));
		expect(missing.cacheUsed).toBe(false);
		expect(typeof missing.program.start).toBe('function');
	});
});
