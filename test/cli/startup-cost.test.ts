import {chmodSync, existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {addBareRemote, commit, git, makeRepo, tempDir} from '../harness/index.js';
import {ranInProgram} from './program-coverage.js';
import {binPaths, runCli, type CliRun} from './run-cli.js';

/**
 * What a headless run pays before its answer, checked without timing it (speed is measured in
 * bench/): which packages of the bundle it runs and how many git processes it starts. The
 * program is one file, dist/program.cjs: what of it ran is what its entry imports statically
 * (dist/bundle-map.json's atStart, written by the build) and what V8's coverage saw called
 * (program-coverage.ts). For the ES module files beside it (the dashboard's), the files loaded
 * say it, and dist/bundle-map.json says which packages each one holds.
 */
type Held = {packages: string[]; sources: string[]};
type BundleMap = {outputs: Record<string, Held & {atStart?: Held}>};
const dist = path.dirname(binPaths['remote-sync']);
const recorder = fileURLToPath(new URL('fixtures/record-loads.mjs', import.meta.url));

type Traced = {run: CliRun; packages: Set<string>; sources: Set<string>; builtins: Set<string>; git: string[][]};

/** Runs the built program with a module-load recorder and a counting git first on PATH. */
async function traced(args: string[], cwd: string): Promise<Traced> {
	const dir = tempDir('rst-trace-');
	const loads = path.join(dir, 'loads.txt');
	const calls = path.join(dir, 'git-calls.txt');
	const realGit = git(cwd, '--exec-path');
	const wrapper = path.join(dir, 'git');
	// One line per git process: its arguments, tab-separated.
	writeFileSync(wrapper, `#!/bin/sh\n(IFS='\t'; printf '%s\\n' "$*") >> '${calls}'\nexec '${path.join(realGit, 'git')}' "$@"\n`);
	chmodSync(wrapper, 0o755);
	const coverage = path.join(dir, 'coverage');
	const run = await runCli(args, {cwd, env: {NODE_OPTIONS: `--import=${recorder}`, NODE_V8_COVERAGE: coverage, RECORD_LOADS_FILE: loads, PATH: `${dir}${path.delimiter}${process.env.PATH ?? ''}`}});
	const map = JSON.parse(readFileSync(path.join(dist, 'bundle-map.json'), 'utf8')) as BundleMap;
	const {packages, sources} = ranInProgram(coverage, dist);
	// What the program's entry imports statically runs at every start, whether any function of it is called or not.
	const atStart = map.outputs['program.cjs']?.atStart;
	for (const name of atStart?.packages ?? []) packages.add(name);
	for (const name of atStart?.sources ?? []) sources.add(name);
	const builtins = new Set<string>();
	for (const url of readFileSync(loads, 'utf8').split('\n').filter(Boolean)) {
		if (url.startsWith('builtin:')) {
			builtins.add(url.slice('builtin:'.length));
			continue;
		}

		const output = map.outputs[path.basename(fileURLToPath(url))];
		if (path.dirname(fileURLToPath(url)) !== dist || !output || url.endsWith('/program.cjs')) continue;
		for (const name of output.packages) packages.add(name);
		for (const name of output.sources) sources.add(name);
	}

	const gitCalls = existsSync(calls) ? readFileSync(calls, 'utf8').split('\n').filter(Boolean).map(line => line.split('\t')) : [];
	return {run, packages, sources, builtins, git: gitCalls};
}

function repoWithRemotes(count: number): string {
	const repo = makeRepo();
	for (let i = 1; i <= count; i++) addBareRemote(repo, `mirror${i}`);
	git(repo, 'fetch', '-q', '--all');
	return repo;
}

describe('what --status --no-fetch costs', () => {
	it('loads none of the packages only other actions use', async () => {
		const {run, packages, sources} = await traced(['--status', '--no-fetch'], repoWithRemotes(2));
		expect(run.exitCode, run.stderr).toBe(0);
		// The recorder sees the engine: the check below is not vacuous.
		expect(sources).toContain('source/core/status/compute-status.ts');
		// simple-git: the setup verbs (init, hooks). conf/ajv: the trust store. ink, react: the
		// dashboard. zod: validating config files, and there is none here. meow: the flag table is parsed by parse-argv.ts. string-width: only the dashboard cuts text to a width. execa: programs start on node:child_process (core/process/child.ts). proper-lockfile, graceful-fs: only a queue write locks.
		for (const name of ['simple-git', 'conf', 'ajv', 'ink', 'react', 'zod', 'meow', 'string-width', 'execa', 'proper-lockfile', 'graceful-fs']) expect(packages, name).not.toContain(name);
	});

	it('loads none of Node\'s modules that only hashing, a file write or the dashboard\'s colours need', async () => {
		const repo = repoWithRemotes(2);
		commit(repo, 'to push');
		for (const args of [['--status', '--no-fetch'], ['--push', '--json']]) {
			const {run, packages, builtins} = await traced(args, repo);
			expect(run.exitCode, run.stderr).toBe(0);
			// The recorder sees Node's modules: the check below is not vacuous.
			expect(builtins).toContain('child_process');
			// node:crypto: trust's fingerprints (trust/sha256.ts). worker_threads: write-file-atomic,
			// the queue's and records' writes (core/atomic-write.ts). node:process, node:tty: chalk's
			// colour detection, the dashboard's alone (ui/terminal-colors.ts). perf_hooks: the `performance`
			// global, built at its first use (durations read core/clock.ts).
			for (const name of ['crypto', 'worker_threads', 'tty', 'process', 'perf_hooks']) expect(builtins, `${args.join(' ')}: node:${name}`).not.toContain(name);
			for (const name of ['chalk', 'write-file-atomic']) expect(packages, `${args.join(' ')}: ${name}`).not.toContain(name);
		}
	});

	it('starts no git process that only a network call needs (the core.sshCommand lookup)', async () => {
		const {run, git: calls} = await traced(['--status', '--no-fetch'], repoWithRemotes(3));
		expect(run.exitCode, run.stderr).toBe(0);
		expect(calls.length).toBeGreaterThan(0);
		expect(calls.filter(call => call.includes('core.sshCommand'))).toEqual([]);
	});

	it('starts a fixed handful of git processes, however many remotes', async () => {
		const [few, many] = await Promise.all([traced(['--status', '--no-fetch'], repoWithRemotes(1)), traced(['--status', '--no-fetch'], repoWithRemotes(6))]);
		expect(few.run.exitCode, few.run.stderr).toBe(0);
		expect(many.run.exitCode, many.run.stderr).toBe(0);
		expect(many.git.length).toBe(few.git.length);
		// The start-up round (rev-parse, for-each-ref with the branch HEAD points at, the remotes' urls
		// and refspecs in one config read); the status takes start-up's refs, refspecs and git dirs, so
		// it starts nothing (every remote is in sync here: no merge-base or rev-list is needed either).
		expect(many.git.map(call => call[0]).sort()).toEqual(['config', 'for-each-ref', 'rev-parse']);
	});

	it('checks a valid config file without zod: the check generated from its schema is plain code', async () => {
		const repo = repoWithRemotes(2);
		writeFileSync(path.join(repo, '.remotesyncrc.json'), JSON.stringify({remotes: {mirror1: {priority: 2, branches: ['*'], vpn: {check_cmd: 'true'}}, mirror2: {branch_map: {main: 'master'}}}, max_workers: 2}));
		const {run, packages, sources} = await traced(['--status', '--no-fetch'], repo);
		expect(run.exitCode, run.stderr).toBe(0);
		// The file was read and checked (not skipped): the settings it gives show.
		expect(sources).toContain('source/core/config/layer-check.generated.js');
		expect(run.stdout).toMatch(/mirror1/);
		expect(packages).not.toContain('zod');
	});

	it('loads zod for an invalid config file, to word its one-line error (exit 2)', async () => {
		const repo = repoWithRemotes(2);
		writeFileSync(path.join(repo, '.remotesyncrc.json'), JSON.stringify({remotes: {mirror1: {retry: 1.5}}}));
		const {run, packages} = await traced(['--status', '--no-fetch'], repo);
		expect(run.exitCode).toBe(2);
		expect(run.stderr.trim()).toBe('error: .remotesyncrc.json: remotes.mirror1.retry: must be a whole number (got 1.5); for example "retry": 3');
		expect(packages).toContain('zod');
	});
});

describe('what --push costs before the first push starts', () => {
	it('no git process runs between the start-up reads and the pushes: the local tips and core.sshCommand came with them', async () => {
		const repo = repoWithRemotes(2);
		git(repo, 'config', 'core.sshCommand', 'ssh -o BatchMode=yes');
		commit(repo, 'to push');
		const {run, git: calls} = await traced(['--push', '--json'], repo);
		expect(run.exitCode, run.stderr).toBe(0);
		const firstPush = calls.findIndex(call => call[0] === 'push');
		expect(firstPush).toBeGreaterThan(0);
		// The start-up round (at once): its refs give the local tips, its config read the ssh command,
		// and its tags say no tag can follow (none is annotated): no tag read either.
		expect(calls.slice(0, firstPush).map(call => call[0]).sort()).toEqual(['config', 'for-each-ref', 'rev-parse']);
	});

	it('asks git which tags follow once per pushed commit, however many remotes: and they all get them', async () => {
		const repo = repoWithRemotes(4);
		commit(repo, 'released');
		git(repo, 'tag', '-a', 'v1', '-m', 'release 1');
		git(repo, 'tag', 'light');
		const {run, git: calls} = await traced(['--push', '--json'], repo);
		expect(run.exitCode, run.stderr).toBe(0);
		expect(calls.filter(call => call[0] === 'for-each-ref' && call.some(arg => arg.startsWith('--merged')))).toHaveLength(1);
		// Start-up's read holds the local tags and our copies of the remotes': nothing else lists them.
		expect(calls.filter(call => call[0] === 'for-each-ref')).toHaveLength(2);
		const document = JSON.parse(run.stdout) as {results: Array<{remote: string; status: string; tags?: string[]}>};
		expect(document.results.map(result => [result.remote, result.status, result.tags])).toEqual(['mirror1', 'mirror2', 'mirror3', 'mirror4'].map(name => [name, 'pushed', ['v1']]));
		for (let i = 1; i <= 4; i++) expect(git(repo, 'ls-remote', '--tags', `mirror${i}`)).toContain('refs/tags/v1');
	});

	it('no git process runs after the last push: the answer does not wait for a status nobody reads', async () => {
		const repo = repoWithRemotes(2);
		commit(repo, 'to push');
		const {run, git: calls} = await traced(['--push', '--json'], repo);
		expect(run.exitCode, run.stderr).toBe(0);
		expect(calls.filter(call => call[0] === 'push')).toHaveLength(2);
		expect(calls.slice(calls.findLastIndex(call => call[0] === 'push') + 1)).toEqual([]);
	});

	it('with --events the rows are read again after the push: the stream ends with where each remote stands', async () => {
		const repo = repoWithRemotes(2);
		commit(repo, 'to push');
		const {run} = await traced(['--push', '--events'], repo);
		expect(run.exitCode, run.stderr).toBe(0);
		const lines = run.stdout.trim().split('\n').map(line => JSON.parse(line) as {type: string; remote: string | null; status?: {state: string}});
		const lastResult = lines.findLastIndex(line => line.type === 'result');
		const after = lines.slice(lastResult).filter(line => line.type === 'status').map(line => [line.remote, line.status?.state]);
		expect(after).toEqual([
			['mirror1', 'in-sync'],
			['mirror2', 'in-sync'],
		]);
	});
});
