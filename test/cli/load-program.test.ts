import {chmodSync, chownSync, copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync} from 'node:fs';
import {execFile} from 'node:child_process';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {promisify} from 'node:util';
import {describe, expect, it} from 'vitest';
import {cacheHeader, saveUserCache, userCacheFile} from '../../source/cli/code-cache-files.js';
import {compileProgram} from '../../source/cli/load-program.js';
import {makeRepo, tempDir} from '../harness/index.js';
import {binPaths, runCli} from './run-cli.js';

/**
 * The program's code cache (source/cli/load-program.ts, code-cache-files.ts) is used only for
 * the very build, Node and start options that made it; the user's own only from a private
 * directory and while its bytes hash right. Any other is left alone and the program compiles
 * from its source, still whole. Copies of the built program: the real dist/ is never touched.
 */
const dist = path.dirname(binPaths['remote-sync']);
const run = promisify(execFile);

function copyOfBuild(): {file: string; build: string; userDir: string} {
	const dir = tempDir('rst-program-');
	const file = path.join(dir, 'program.cjs');
	copyFileSync(path.join(dist, 'program.cjs'), file);
	copyFileSync(path.join(dist, 'program.cjs.v8-cache'), `${file}.v8-cache`);
	return {file, build: `${file}.v8-cache`, userDir: path.join(tempDir('rst-cache-home-'), 'remote-sync')};
}

/** The build's cache as another Node version would have written it. */
function madeByAnotherNode(build: string): void {
	const cache = readFileSync(build);
	const headerEnd = cache.indexOf(10) + 1;
	writeFileSync(build, Buffer.concat([Buffer.from(cache.subarray(0, headerEnd).toString('latin1').replace(process.version, 'v0.0.1'), 'latin1'), cache.subarray(headerEnd)]));
}

/** A user's cache for the copy, made the way a run would leave one. */
function userCacheFor(file: string, userDir: string): string {
	const user = path.join(userDir, 'program-test.v8-cache');
	const source = readFileSync(file, 'utf8');
	saveUserCache(user, cacheHeader(source.slice(0, source.indexOf('\n'))), compileProgram(file, {build: 'none', user: undefined}).script.createCachedData());
	return user;
}

describe('the build\'s code cache', () => {
	it('is used for the build that made it, on the Node that made it, started as the bins are', async () => {
		const {file, build} = copyOfBuild();
		// A plain `node <file>` (no options): the test runner's own would be part of the key.
		const script = path.join(tempDir('rst-cache-check-'), 'check.mjs');
		const loader = pathToFileURL(path.join(dist, 'load-program.js')).href;
		writeFileSync(script, `const {compileProgram} = await import(${JSON.stringify(loader)}); const {program, cacheUsed} = compileProgram(${JSON.stringify(file)}, {build: ${JSON.stringify(build)}}); console.log(cacheUsed, typeof program.main);\n`);
		const {NODE_OPTIONS: _options, ...env} = process.env;
		const {stdout} = await run(process.execPath, [script], {env});
		expect(stdout.trim()).toBe('build function');
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

	it('a cut-off or missing cache: the program compiles from its source', () => {
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

	it('is readable by whoever runs the installation', () => {
		expect(statSync(path.join(dist, 'program.cjs.v8-cache')).mode & 0o444).toBe(0o444);
	});
});

describe('the user\'s code cache', () => {
	it('serves where the build\'s cannot: 0600 in a 0700 directory', () => {
		const {file, build, userDir} = copyOfBuild();
		madeByAnotherNode(build);
		expect(compileProgram(file, {build, user: undefined}).cacheUsed).toBeUndefined();
		const user = userCacheFor(file, userDir);
		expect(statSync(user).mode & 0o777).toBe(0o600);
		expect(statSync(userDir).mode & 0o777).toBe(0o700);
		const {program, cacheUsed} = compileProgram(file, {build, user});
		expect(cacheUsed).toBe('user');
		expect(typeof program.main).toBe('function');
	});

	it('is refused once its bytes changed, even at the same length (V8 would crash on them): the program compiles from its source', () => {
		const {file, build, userDir} = copyOfBuild();
		const user = userCacheFor(file, userDir);
		const bytes = readFileSync(user);
		for (let i = Math.floor(bytes.length / 2); i < Math.floor(bytes.length / 2) + 400; i++) bytes[i]! ^= 0x5a;
		writeFileSync(user, bytes);
		const {program, cacheUsed} = compileProgram(file, {build: `${build}.none`, user});
		expect(cacheUsed).toBeUndefined();
		expect(typeof program.main).toBe('function');
	});

	it('is refused from a directory or a file others can write, through a link, or owned by someone else', () => {
		const {file, userDir} = copyOfBuild();
		const user = userCacheFor(file, userDir);
		const none = `${file}.none`;
		expect(compileProgram(file, {build: none, user}).cacheUsed).toBe('user');

		chmodSync(userDir, 0o777);
		expect(compileProgram(file, {build: none, user}).cacheUsed).toBeUndefined();
		chmodSync(userDir, 0o700);
		chmodSync(user, 0o666);
		expect(compileProgram(file, {build: none, user}).cacheUsed).toBeUndefined();
		chmodSync(user, 0o600);

		const link = path.join(userDir, 'program-link.v8-cache');
		symlinkSync(user, link);
		expect(compileProgram(file, {build: none, user: link}).cacheUsed).toBeUndefined();

		if (process.getuid?.() === 0) {
			chownSync(user, 12_345, 12_345);
			expect(compileProgram(file, {build: none, user}).cacheUsed).toBeUndefined();
		}
	});

	it('is never written into a directory others can write', () => {
		const dir = path.join(tempDir('rst-cache-home-'), 'remote-sync');
		mkdirSync(dir, {mode: 0o777});
		chmodSync(dir, 0o777);
		saveUserCache(path.join(dir, 'program-x.v8-cache'), 'header\n', Buffer.from('x'));
		expect(readdirSync(dir)).toEqual([]);
	});

	it('keeps the newest few files: each build, Node and set of options has its own', () => {
		const dir = path.join(tempDir('rst-cache-home-'), 'remote-sync');
		for (let i = 0; i < 6; i++) {
			const name = path.join(dir, `program-old${i}.v8-cache`);
			saveUserCache(name, 'header\n', Buffer.from('x'));
			utimesSync(name, 1000 + i, 1000 + i);
		}

		saveUserCache(path.join(dir, 'program-new.v8-cache'), 'header\n', Buffer.from('x'));
		expect(readdirSync(dir).sort()).toEqual(['program-new.v8-cache', 'program-old3.v8-cache', 'program-old4.v8-cache', 'program-old5.v8-cache']);
	});

	it('lives under an absolute XDG_CACHE_HOME, else ~/.cache, and names the start options; none without an absolute home', () => {
		const idLine = '// remote-sync-tui build 0f0e-1234';
		const plain = `/x/cache/remote-sync/program-0f0e-1234-${process.version}-${process.arch}.v8-cache`;
		expect(userCacheFile(idLine, {XDG_CACHE_HOME: '/x/cache', HOME: '/home/u'}, [])).toBe(plain);
		expect(userCacheFile(idLine, {XDG_CACHE_HOME: 'relative', HOME: '/home/u'}, [])).toBe(`/home/u/.cache/remote-sync/program-0f0e-1234-${process.version}-${process.arch}.v8-cache`);
		const flagged = userCacheFile(idLine, {XDG_CACHE_HOME: '/x/cache', NODE_OPTIONS: '--max-old-space-size=4096'}, []);
		expect(flagged).toMatch(new RegExp(`^/x/cache/remote-sync/program-0f0e-1234-${process.version.replaceAll('.', '\\.')}-${process.arch}-\\w+\\.v8-cache$`));
		expect(flagged).not.toBe(plain);
		expect(cacheHeader(idLine, {NODE_OPTIONS: '--max-old-space-size=4096'}, [])).not.toBe(cacheHeader(idLine, {}, []));
		expect(userCacheFile(idLine, {XDG_CACHE_HOME: '/x/cache'}, ['--stack-size=2000'])).not.toBe(plain);
		expect(userCacheFile(idLine, {HOME: 'relative'})).toBeUndefined();
		expect(userCacheFile(idLine, {})).toBeUndefined();
		expect(userCacheFile('// remote-sync-tui build ../../x', {HOME: '/home/u'})).toBeUndefined();
	});
});

describe('the user\'s code cache, from the bin', () => {
	it('a bin whose build cache this Node cannot take: --version writes none, the first action writes the user\'s at exit, once; the answers are the same', async () => {
		// A copy of the installation: dist/ and the package.json the version comes from.
		const root = tempDir('rst-install-');
		const copy = path.join(root, 'dist');
		cpSync(dist, copy, {recursive: true});
		copyFileSync(path.join(dist, '..', 'package.json'), path.join(root, 'package.json'));
		madeByAnotherNode(path.join(copy, 'program.cjs.v8-cache'));
		const cacheHome = tempDir('rst-xdg-cache-');
		const repo = makeRepo();
		const options = {cwd: repo, program: path.join(copy, 'remote-sync.js'), env: {XDG_CACHE_HOME: cacheHome}};
		const version = await runCli(['--version'], options);
		expect(version.exitCode, version.stderr).toBe(0);
		expect(existsSync(path.join(cacheHome, 'remote-sync'))).toBe(false);

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
});
