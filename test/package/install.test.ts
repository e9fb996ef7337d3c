import {execFile} from 'node:child_process';
import {readdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {promisify} from 'node:util';
import semver from 'semver';
import {beforeAll, describe, expect, it} from 'vitest';
import {forSuite, git, makeBare, makeRepo, tempDir} from '../harness/index.js';
import {openTerminal, quitDashboard} from '../e2e/tmux.js';
import {rowOf} from '../e2e/fixture.js';

/**
 * The package as a user gets it (issues 14 and 16): `npm pack`, then a global install of the
 * tarball into a temporary prefix, offline — the bundle holds every package but its runtime
 * dependencies (simple-git, for local git work), which come from the npm cache `npm ci` filled —
 * and both installed commands run.
 */
const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {version: string; bin: Record<string, string>; dependencies?: Record<string, string>; engines: {node: string}};
const runtimeDependencies = Object.keys(manifest.dependencies ?? {});

type Installed = {tarballFiles: string[]; prefix: string; bin: (name: string) => string; packageDir: string};

async function packAndInstall(): Promise<Installed> {
	const out = tempDir('rst-pack-');
	// --ignore-scripts: `npm test` built dist/ already, and rebuilding it now would pull it from
	// under the other test files running the program at the same time.
	const {stdout} = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', out], {cwd: root});
	const [packed] = JSON.parse(stdout) as Array<{filename: string; files: Array<{path: string}>}>;
	const prefix = tempDir('rst-prefix-');
	// The cache and registry the project's own install used (the cache is keyed by registry),
	// read before the user config is swapped for an empty one.
	const setting = async (key: string) => (await run('npm', ['config', 'get', key], {cwd: root})).stdout.trim();
	const [cache, registry] = [await setting('cache'), await setting('registry')];
	const npmrc = path.join(tempDir('rst-npmrc-'), 'npmrc');
	writeFileSync(npmrc, '');
	// Offline, no user config: anything not already in that cache fails the install (ENOTCACHED).
	const env = {...process.env, npm_config_userconfig: npmrc, npm_config_cache: cache, npm_config_registry: registry, npm_config_update_notifier: 'false'};
	await run('npm', ['install', '--global', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, path.join(out, packed!.filename)], {cwd: out, env});
	return {
		tarballFiles: packed!.files.map(file => file.path).sort(),
		prefix,
		bin: name => path.join(prefix, 'bin', name),
		packageDir: path.join(prefix, 'lib', 'node_modules', 'remote-sync-tui'),
	};
}

function smallRepo(): {repo: string; env: Record<string, string>} {
	const repo = makeRepo();
	const bare = makeBare();
	git(repo, 'remote', 'add', 'mirror', bare);
	git(repo, 'push', '-q', 'mirror', 'main');
	writeFileSync(path.join(repo, '.remotesyncrc.json'), JSON.stringify({auto_fetch: false}));
	const home = tempDir('rst-pkg-home-');
	return {repo, env: {HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), NO_COLOR: '1', CI: 'false'}};
}

describe('the published package', () => {
	let installed: Installed;
	beforeAll(async () => {
		installed = await forSuite(packAndInstall);
	}, 120_000);

	it('holds the bundle, the schemas, the notices, README and LICENSE: no source maps, no sources', () => {
		const unexpected = installed.tarballFiles.filter(file => !/^(dist\/[\w-]+\.m?js|dist\/package\.json|dist\/program\.cjs(\.v8-cache)?|dist\/THIRD-PARTY-NOTICES\.md|schema\/([\w-]+\/)*[\w.-]+\.schema\.json|LICENSE|README\.md|package\.json)$/.test(file));
		expect(unexpected).toEqual([]);
		expect(installed.tarballFiles).toEqual(expect.arrayContaining(['LICENSE', 'dist/package.json', 'dist/program.cjs', 'dist/program.cjs.v8-cache', 'dist/dashboard.mjs', ...Object.values(manifest.bin)]));
	});

	it('its one runtime dependency is simple-git, left out of the bundle and installed beside it; everything else is bundled', () => {
		// A bundled package also in "dependencies" would make every install download what the bundle already holds.
		expect(runtimeDependencies).toEqual(['simple-git']);
		const dist = path.join(installed.packageDir, 'dist');
		const notices = readFileSync(path.join(dist, 'THIRD-PARTY-NOTICES.md'), 'utf8');
		const code = readdirSync(dist)
			.filter(file => /\.[cm]?js$/.test(file))
			.map(file => readFileSync(path.join(dist, file), 'utf8'))
			.join('\n');
		for (const name of runtimeDependencies) {
			expect(notices, name).not.toContain(`## ${name}@`);
			expect(code, `the bundle loads ${name} by name`).toMatch(new RegExp(`require\\(["']${name}["']\\)`));
			const installedManifest = JSON.parse(readFileSync(path.join(installed.packageDir, 'node_modules', name, 'package.json'), 'utf8')) as {version: string};
			expect(semver.satisfies(installedManifest.version, manifest.dependencies![name]!), name).toBe(true);
		}
	});

	it('engines.node is exactly what the bundled and installed packages need: no Node it allows is refused by one, none they all take is refused', () => {
		const notices = readFileSync(path.join(installed.packageDir, 'dist', 'THIRD-PARTY-NOTICES.md'), 'utf8');
		const bundled = new Set([...notices.matchAll(/^## (\S+@\d\S*) \(/gm)].map(match => match[1]!));
		const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {packages: Record<string, {name?: string; version?: string; engines?: {node?: string}}>};
		// The installed runtime dependencies too: every lock entry that is not a devDependency's.
		const ranges = Object.entries(lock.packages as Record<string, {name?: string; version?: string; dev?: boolean; engines?: {node?: string}}>)
			.filter(([key, entry]) => bundled.has(`${entry.name ?? key.replace(/^.*node_modules\//, '')}@${entry.version}`) || (key.startsWith('node_modules/') && entry.dev !== true))
			.flatMap(([, entry]) => (entry.engines?.node ? [entry.engines.node] : []));
		expect(ranges.length).toBeGreaterThan(10);
		const versions = Array.from({length: 9}, (_, major) => Array.from({length: 30}, (_, minor) => `${18 + major}.${minor}.0`)).flat();
		const wrong = versions.filter(version => semver.satisfies(version, manifest.engines.node) !== ranges.every(range => semver.satisfies(version, range)));
		expect(wrong).toEqual([]);
	});

	it('every file of the installed bundle loads (no missing module, no CommonJS global left undefined)', async () => {
		const dist = path.join(installed.packageDir, 'dist');
		const modules = readdirSync(dist).filter(file => file.endsWith('.mjs'));
		expect(modules).toContain('dashboard.mjs');
		const script = `const failed = []; for (const file of ${JSON.stringify(modules)}) { try { await import('./' + file); } catch (error) { if (!String(error.message).includes("'react-devtools-core'")) failed.push(file + ': ' + error.message); } } console.log(JSON.stringify(failed));`;
		const {stdout} = await run(process.execPath, ['--input-type=module', '-e', script], {cwd: dist});
		// Only ink's opt-in devtools bridge (DEV=true) may miss its package, as it does in ink itself.
		expect(JSON.parse(stdout)).toEqual([]);
		// The program's own code is one file: every package it asks Node for by name is there (ajv's
		// code generator writes require() calls into strings and templates: those are not the program's).
		const program = readFileSync(path.join(dist, 'program.cjs'), 'utf8');
		const named = [...new Set([...program.matchAll(/(?<![\w$.'"`])require\("([^"]+)"\)/g)].map(match => match[1]!))].filter(name => !name.startsWith('node:'));
		expect(named).toContain('simple-git');
		const resolves = `const r = require('node:module').createRequire(${JSON.stringify(path.join(dist, 'program.cjs'))}); const failed = []; for (const name of ${JSON.stringify(named)}) { try { r.resolve(name); } catch (error) { failed.push(name); } } console.log(JSON.stringify(failed));`;
		expect(JSON.parse((await run(process.execPath, ['-e', resolves], {cwd: dist})).stdout)).toEqual([]);
	});

	it('the installed program starts from its code cache, made by the build for this very file', async () => {
		// A script file and no NODE_OPTIONS: Node's start options are part of what a cache was made for.
		const loader = pathToFileURL(path.join(installed.packageDir, 'dist', 'load-program.js')).href;
		const script = path.join(tempDir('rst-cache-check-'), 'check.mjs');
		writeFileSync(script, `const {compileProgram} = await import(${JSON.stringify(loader)}); console.log(compileProgram().cacheUsed);\n`);
		const {NODE_OPTIONS: _options, ...env} = process.env;
		const {stdout} = await run(process.execPath, [script], {env});
		expect(stdout.trim()).toBe('build');
	});

	it('both installed bins print the version', async () => {
		for (const name of Object.keys(manifest.bin)) {
			const {stdout} = await run(installed.bin(name), ['--version']);
			expect(stdout.trim()).toBe(manifest.version);
		}
	});

	it('remote-sync --status reports a repository', async () => {
		const {repo, env} = smallRepo();
		const {stdout} = await run(installed.bin('remote-sync'), ['--status', '--json'], {cwd: repo, env: {...process.env, ...env}});
		const status = JSON.parse(stdout) as {branch: string; remotes: Array<{name: string; state: string}>};
		expect(status.branch).toBe('main');
		expect(status.remotes).toMatchObject([{name: 'mirror', state: 'in-sync'}]);
	});

	it('remote-sync init discovers the remotes through simple-git, loaded from the installed package\'s node_modules; --status never loads it', async () => {
		const {repo, env} = smallRepo();
		git(repo, 'remote', 'add', 'backup', makeBare());
		const target = path.join(repo, '.remotesyncrc.json');
		rmSync(target);
		const options = {cwd: repo, env: {...process.env, ...env}};
		const {stdout} = await run(installed.bin('remote-sync'), ['init'], options);
		expect(stdout).toMatch(/2 remote\(s\): /);
		expect(Object.keys((JSON.parse(readFileSync(target, 'utf8')) as {remotes: object}).remotes).sort()).toEqual(['backup', 'mirror']);

		// Without its node_modules copy, --status (which never loads simple-git) still runs, and
		// init cannot: simple-git is not in the bundle.
		rmSync(target);
		const dependency = path.join(installed.packageDir, 'node_modules', 'simple-git');
		renameSync(dependency, `${dependency}.away`);
		try {
			const status = JSON.parse((await run(installed.bin('remote-sync'), ['--status', '--no-fetch', '--json'], options)).stdout) as {remotes: Array<{name: string}>};
			expect(status.remotes.map(remote => remote.name).sort()).toEqual(['backup', 'mirror']);
			const failed = await run(installed.bin('remote-sync'), ['init'], options).then(
				() => undefined,
				(error: {code?: number; stderr?: string}) => error,
			);
			expect(failed?.code).toBe(1);
			expect(failed?.stderr).toMatch(/Cannot find (package|module) 'simple-git'/);
		} finally {
			renameSync(`${dependency}.away`, dependency);
		}
	});

	it('remote-sync-tui opens the dashboard in a terminal', async () => {
		const {repo, env} = smallRepo();
		const terminal = await openTerminal(installed.bin('remote-sync-tui'), {cwd: repo, columns: 120, rows: 30, env});
		await terminal.waitFor(screen => screen.includes(`${path.basename(repo)} on main @ `) && rowOf(screen, 'mirror') !== '', {timeoutMs: 30_000, message: 'no dashboard from the installed bin'});
		await quitDashboard(terminal);
	});
});
