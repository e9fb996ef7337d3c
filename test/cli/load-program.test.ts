import {copyFileSync, cpSync, existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {saveUserCache, userCacheFile} from '../../source/cli/code-cache-files.js';
import {compileProgram} from '../../source/cli/load-program.js';
import {makeRepo, tempDir} from '../harness/index.js';
import {binPaths, runCli} from './run-cli.js';

/**
 * The program's code cache (source/cli/load-program.ts, code-cache-files.ts) is used only for
 * the very build and Node that made it; any other is left alone and the program compiles from
 * its source, still whole; a run with no cache it could use leaves one in the user's cache
 * directory for the next. Copies of the built program, so the real dist/ is never touched.
 */
const dist = path.dirname(binPaths['remote-sync']);

function copyOfBuild(): {file: string; build: string; userDir: string} {
	const dir = tempDir('rst-program-');
	const file = path.join(dir, 'program.cjs');
	copyFileSync(path.join(dist, 'program.cjs'), file);
	copyFileSync(path.join(dist, 'program.cjs.v8-cache'), `${file}.v8-cache`);
	return {file, build: `${file}.v8-cache`, userDir: path.join(tempDir('rst-cache-home-'), 'remote-sync')};
}

describe('the program\'s code cache', () => {
	it('the build\'s cache is used for the build that made it, on the Node that made it', () => {
		const {file, build} = copyOfBuild();
		const {program, cacheUsed} = compileProgram(file, {build, user: undefined});
		expect(cacheUsed).toBe('build');
		expect(typeof program.main).toBe('function');
	});

	it('is not used for another build of the same length: V8 checks only the length, the first line names the build', () => {
		const {file, build} = copyOfBuild();
		const source = readFileSync(file, 'utf8');
		const idLine = source.slice(0, source.indexOf('\n'));
		const otherId = idLine.replace(/[0-9a-f](?=[^0-9a-f]*$)/, digit => (digit === '0' ? '1' : '0'));
		expect(otherId).not.toBe(idLine);
		expect(otherId).toHaveLength(idLine.length);
		writeFileSync(file, otherId + source.slice(idLine.length));
		const {program, cacheUsed} = compileProgram(file, {build, user: undefined});
		expect(cacheUsed).toBeUndefined();
		expect(typeof program.main).toBe('function');
	});

	it('a damaged or missing cache: the program compiles from its source', () => {
		const {file, build} = copyOfBuild();
		const cache = readFileSync(build);
		writeFileSync(build, cache.subarray(0, Math.floor(cache.length / 2)));
		const damaged = compileProgram(file, {build, user: undefined});
		expect(damaged.cacheUsed).toBeUndefined();
		expect(typeof damaged.program.main).toBe('function');
		const missing = compileProgram(file, {build: path.join(path.dirname(file), 'none'), user: undefined});
		expect(missing.cacheUsed).toBeUndefined();
		expect(typeof missing.program.start).toBe('function');
	});

	it('a package built on another Node: the first run leaves the user a cache of their own (0600 in a 0700 directory), the next uses it', () => {
		const {file, build, userDir} = copyOfBuild();
		// The build's cache as another Node version would have written it.
		const cache = readFileSync(build);
		const headerEnd = cache.indexOf(10) + 1;
		writeFileSync(build, Buffer.concat([Buffer.from(cache.subarray(0, headerEnd).toString('latin1').replace(process.version, 'v0.0.1'), 'latin1'), cache.subarray(headerEnd)]));
		const user = path.join(userDir, 'program-test.v8-cache');
		const first = compileProgram(file, {build, user});
		expect(first.cacheUsed).toBeUndefined();
		first.saveCache();
		expect(statSync(user).mode & 0o777).toBe(0o600);
		expect(statSync(userDir).mode & 0o777).toBe(0o700);
		const second = compileProgram(file, {build, user});
		expect(second.cacheUsed).toBe('user');
		expect(typeof second.program.main).toBe('function');
		// A run that used a cache writes none.
		const before = statSync(user).mtimeMs;
		second.saveCache();
		expect(statSync(user).mtimeMs).toBe(before);
	});

	it('the user\'s cache directory keeps the newest few: each build and Node version has its own file', () => {
		const dir = path.join(tempDir('rst-cache-home-'), 'remote-sync');
		for (let i = 0; i < 6; i++) {
			const name = path.join(dir, `program-old${i}.v8-cache`);
			saveUserCache(name, 'header\n', Buffer.from('x'));
			utimesSync(name, 1000 + i, 1000 + i);
		}

		saveUserCache(path.join(dir, 'program-new.v8-cache'), 'header\n', Buffer.from('x'));
		expect(readdirSync(dir).sort()).toEqual(['program-new.v8-cache', 'program-old3.v8-cache', 'program-old4.v8-cache', 'program-old5.v8-cache']);
	});
});

describe('the user\'s code cache, from the bin', () => {
	it('a bin whose build cache this Node cannot take writes the user\'s at exit, once; the runs\' answers are the same', async () => {
		const copy = tempDir('rst-dist-');
		cpSync(dist, copy, {recursive: true});
		const build = path.join(copy, 'program.cjs.v8-cache');
		const cache = readFileSync(build);
		const headerEnd = cache.indexOf(10) + 1;
		writeFileSync(build, Buffer.concat([Buffer.from(cache.subarray(0, headerEnd).toString('latin1').replace(process.version, 'v0.0.1'), 'latin1'), cache.subarray(headerEnd)]));
		const cacheHome = tempDir('rst-xdg-cache-');
		const repo = makeRepo();
		const options = {cwd: repo, program: path.join(copy, 'remote-sync.js'), env: {XDG_CACHE_HOME: cacheHome}};
		const first = await runCli(['--status', '--no-fetch', '--json'], options);
		expect(first.exitCode, first.stderr).toBe(0);
		const written = readdirSync(path.join(cacheHome, 'remote-sync'));
		expect(written).toHaveLength(1);
		const file = path.join(cacheHome, 'remote-sync', written[0]!);
		const mtime = statSync(file).mtimeMs;
		const second = await runCli(['--status', '--no-fetch', '--json'], options);
		expect(second.exitCode, second.stderr).toBe(0);
		expect(second.stdout).toBe(first.stdout);
		expect(statSync(file).mtimeMs).toBe(mtime);
		// The build's own cache, taken as it is: nothing is written.
		const fresh = tempDir('rst-xdg-cache-');
		const third = await runCli(['--status', '--no-fetch', '--json'], {cwd: repo, env: {XDG_CACHE_HOME: fresh}});
		expect(third.exitCode, third.stderr).toBe(0);
		expect(existsSync(path.join(fresh, 'remote-sync'))).toBe(false);
	});

	it('lives under an absolute XDG_CACHE_HOME, else ~/.cache; none without an absolute home', () => {
		const idLine = '// remote-sync-tui build 0f0e-1234';
		expect(userCacheFile(idLine, {XDG_CACHE_HOME: '/x/cache', HOME: '/home/u'})).toBe(`/x/cache/remote-sync/program-0f0e-1234-${process.version}-${process.arch}.v8-cache`);
		expect(userCacheFile(idLine, {XDG_CACHE_HOME: 'relative', HOME: '/home/u'})).toBe(`/home/u/.cache/remote-sync/program-0f0e-1234-${process.version}-${process.arch}.v8-cache`);
		expect(userCacheFile(idLine, {HOME: 'relative'})).toBeUndefined();
		expect(userCacheFile(idLine, {})).toBeUndefined();
		expect(userCacheFile('// remote-sync-tui build ../../x', {HOME: '/home/u'})).toBeUndefined();
	});
});
