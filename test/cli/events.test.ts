import {randomBytes} from 'node:crypto';
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {addPreReceiveHook, buildFleet, commit, forSuite, git, gitAsyncOk, makeBare, makeRepo, startDelayProxy, startGitDaemon, tempDir, waitFor, type Fleet} from '../harness/index.js';
import {compileOutputSchema, outputDocuments, schemaErrors, type OutputDocument} from '../setup/json-validator.js';
import {parseJson, runCli, startCli, type CliRun} from './run-cli.js';

const validateLine = compileOutputSchema('events');
const validateDocument = Object.fromEntries(outputDocuments.map(name => [name, compileOutputSchema(name)])) as Record<OutputDocument, ReturnType<typeof compileOutputSchema>>;

type Line = {type: string; time: string; remote: string | null; [key: string]: any};

/** Every stdout line is one schema-valid event; the last one is the summary. */
function eventLines(run: CliRun): Line[] {
	const texts = run.stdout.split('\n');
	expect(texts.pop(), 'stdout ends with a newline').toBe('');
	const lines = texts.map(text => {
		const line = JSON.parse(text) as Line;
		expect(schemaErrors(validateLine, line), text).toBe('');
		return line;
	});
	expect(lines.at(-1)?.type, run.stdout).toBe('summary');
	expect(lines.filter(line => line.type === 'summary')).toHaveLength(1);
	return lines;
}

const names = ['slow-1', 'slow-2', 'slow-3', 'slow-4'];

/**
 * Four remotes, each a git daemon repository behind its own delay proxy (a slow link), each
 * with a pre-receive hook that holds the push until the test opens a gate: the push cannot
 * end before the test has read what it wanted to read.
 */
async function slowMirrors(): Promise<{repo: string; openGate(): void}> {
	const served = tempDir('rst-served-');
	const gate = path.join(tempDir('rst-gate-'), 'open');
	const daemon = await startGitDaemon({basePath: served});
	const repo = makeRepo();
	for (const name of names) {
		const bare = path.join(served, `${name}.git`);
		mkdirSync(bare);
		makeBare(bare);
		const proxy = await startDelayProxy({targetPort: daemon.port, delayMs: 60});
		git(repo, 'remote', 'add', name, daemon.url(`${name}.git`));
		await gitAsyncOk(repo, 'push', '-q', name, 'main');
		git(repo, 'remote', 'set-url', name, proxy.url(`${name}.git`));
		// Bounded: at most a minute, whatever the test does.
		addPreReceiveHook(bare, `i=0\nwhile [ ! -e '${gate}' ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done\nexit 0`);
	}

	// Incompressible data, so git reports counting, compressing and writing with sizes.
	for (let index = 0; index < 2; index++) writeFileSync(path.join(repo, `blob-${index}.bin`), randomBytes(200_000));
	git(repo, 'add', '.');
	git(repo, 'commit', '-q', '-m', 'data for the mirrors');
	return {repo, openGate: () => writeFileSync(gate, '')};
}

describe('--events from a push to 4 slow remotes, read while it runs', () => {
	it('progress for every remote arrives before the push ends; the last line carries the --json summary', async () => {
		const streamed = await slowMirrors();
		const live = startCli(['--push', '--events'], {cwd: streamed.repo, timeoutMs: 90_000});
		const progressOf = (name: string) => live.lines.find(({text}) => /"type":"(phase|progress)"/.test(text) && JSON.parse(text).remote === name);
		try {
			await waitFor(() => names.every(name => progressOf(name)) || !live.running(), {timeoutMs: 60_000, message: `no progress for every remote:\n${live.lines.map(line => line.text).join('\n')}`});
			// Every remote's push is still held by its hook: these lines were written as they happened.
			expect(live.running()).toBe(true);
			expect(live.lines.some(({text}) => text.includes('"type":"summary"'))).toBe(false);
		} finally {
			streamed.openGate();
		}

		const run = await live.done;
		expect(run.exitCode, run.stderr).toBe(0);
		const lines = eventLines(run);
		const summary = lines.at(-1)!;
		const summaryChunk = live.lines.at(-1)!.chunk;
		for (const name of names) {
			const first = progressOf(name)!;
			expect(first.chunk, `${name}: progress read before the summary`).toBeLessThan(summaryChunk);
			const started = lines.findIndex(line => line.type === 'operation-started' && line.remote === name);
			const result = lines.findIndex(line => line.type === 'result' && line.remote === name);
			expect(started).toBeGreaterThanOrEqual(0);
			expect(result).toBeGreaterThan(started);
			expect(lines[result]!.result).toMatchObject({remote: name, branch: 'main', status: 'pushed'});
		}

		// The same scenario, once more, with --json (no hook holds it this time).
		const again = await slowMirrors();
		again.openGate();
		const json = await runCli(['--push', '--json'], {cwd: again.repo, timeoutMs: 90_000});
		const document = parseJson(json);
		expect(summary.document.summary).toEqual(document.summary);
		expect(summary.document.summary).toEqual({succeeded: 4, failed: 0, blocked: 0, skipped: 0, queued: 0});
		const outcome = (results: Array<{remote: string; branch: string; status: string; attempts: number}>) => results.map(({remote, branch, status, attempts}) => ({remote, branch, status, attempts}));
		expect(outcome(summary.document.results)).toEqual(outcome(document.results));
		expect(summary.exitCode).toBe(json.exitCode);
	}, 150_000);
});

describe('--events composes with every action', () => {
	let fleet: Fleet;
	beforeAll(async () => {
		fleet = await forSuite(async () => buildFleet(['local', 'refused']));
		writeFileSync(path.join(fleet.repo, '.remotesyncrc.json'), JSON.stringify({retry_base_delay: 0.01, retry_max_delay: 0.02, health_check_timeout: 2}));
		commit(fleet.repo, 'work to sync');
	});

	async function events(args: string[], kind: OutputDocument) {
		const run = await runCli([...args, '--events'], {cwd: fleet.repo});
		const lines = eventLines(run);
		const summary = lines.at(-1)!;
		expect(schemaErrors(validateDocument[kind], summary.document), JSON.stringify(summary.document)).toBe('');
		expect(summary.exitCode).toBe(run.exitCode);
		return {lines, summary, types: lines.map(line => line.type), run};
	}

	const ofRemote = (lines: Line[], type: string) => lines.filter(line => line.type === type).map(line => line.remote);

	it('--status: a status line per remote, and the same document as --json', async () => {
		const {lines, summary} = await events(['--status', '--no-fetch'], 'status');
		expect(lines.filter(line => line.type === 'status').map(line => [line.remote, line.status.state])).toEqual([
			['local', 'ahead'],
			['refused', 'unknown'],
		]);
		expect(summary).toMatchObject({action: 'status', remote: null});
		expect(summary.document).toEqual(parseJson(await runCli(['--status', '--no-fetch', '--json'], {cwd: fleet.repo})));
	});

	it('--push --dry-run, then --push: started, phases, results, the queue change, finished', async () => {
		const planned = await events(['--push', '--dry-run'], 'operation');
		expect(planned.summary.document.results.map((result: {status: string}) => result.status)).toEqual(['would-push', 'failed']);

		const {lines, summary, types, run} = await events(['--push'], 'operation');
		expect(run.exitCode).toBe(3);
		expect(ofRemote(lines, 'operation-started').sort()).toEqual(['local', 'refused']);
		expect(ofRemote(lines, 'phase')).toContain('local');
		expect(lines.filter(line => line.type === 'result').map(line => [line.remote, line.result.status]).sort()).toEqual([
			['local', 'pushed'],
			['refused', 'queued'],
		]);
		expect(types).toContain('queue-changed');
		expect(types).toContain('command');
		expect(ofRemote(lines, 'operation-finished').sort()).toEqual(['local', 'refused']);
		expect(summary.document.summary).toEqual({succeeded: 1, failed: 0, blocked: 0, skipped: 0, queued: 1});
	});

	it('--show-queue, --fetch, --health-check, --process-queue, --clear-queue', async () => {
		expect((await events(['--show-queue'], 'queue')).summary.document.entries).toMatchObject([{remote: 'refused'}]);
		const fetched = await events(['--fetch'], 'operation');
		expect(fetched.lines.filter(line => line.type === 'result').map(line => [line.remote, line.result.status]).sort()).toEqual([
			['local', 'up-to-date'],
			['refused', 'failed'],
		]);
		const health = await events(['--health-check'], 'health');
		expect(health.lines.filter(line => line.type === 'health').map(line => [line.remote, line.result.class]).sort()).toEqual([
			['local', 'reachable'],
			['refused', 'unreachable'],
		]);
		expect((await events(['--process-queue'], 'operation')).summary).toMatchObject({action: 'process-queue', exitCode: 3});
		expect((await events(['--clear-queue'], 'queue')).summary).toMatchObject({action: 'clear-queue', document: {removed: 1, entries: []}});
	});

	it('inside a push remote-sync started (a hook): only the summary, with the note why', async () => {
		const run = await runCli(['--push', '--events'], {cwd: fleet.repo, env: {REMOTE_SYNC_HOOK_ACTIVE: '1'}});
		const nested = eventLines(run);
		expect(nested).toHaveLength(1);
		expect(nested[0]!.document.notes[0]).toMatch(/would recurse/);
	});

	it('--events with --json, or with the dashboard, is a usage error (exit 2) and prints nothing on stdout', async () => {
		for (const args of [['--push', '--events', '--json'], ['--tui', '--events'], ['init', '--events']]) {
			const run = await runCli(args, {cwd: fleet.repo});
			expect(run.exitCode, args.join(' ')).toBe(2);
			expect(run.stdout).toBe('');
			expect(run.stderr).toMatch(/--events/);
		}
	});
});
