import {existsSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {loadConfig} from '../../source/core/config/load.js';
import type {ResolvedConfig} from '../../source/core/config/schema.js';
import {FatalError} from '../../source/core/errors.js';
import {runCli} from '../cli/run-cli.js';
import {addBareRemote, commit, forSuite, git, makeRepo, tempDir} from '../harness/index.js';
import {generateCorpus, type CorpusCase} from './config-corpus.js';
import {canary, expectCleanEnd} from './support.js';
import {isolateProductGit} from '../harness/product-env.js';

/**
 * Bad input must end in one clear error (exit 2) or a correct result: never a crash, a
 * hang, a command run, or a value reaching git as an option. The big corpus goes through the
 * loader in-process (fast); a sample of it, and the hostile environment values, through the
 * real program.
 */

const seed = 20_240_611;
const corpusSize = 500;

type Outcome = {kind: 'ok'; config: ResolvedConfig} | {kind: 'error'; message: string; exitCode: number} | {kind: 'crash'; error: unknown};

async function load(repo: string, userDir: string, env: NodeJS.ProcessEnv = {}): Promise<Outcome> {
	try {
		return {kind: 'ok', config: await loadConfig({cwd: repo, env, userConfigDir: userDir})};
	} catch (error) {
		return error instanceof FatalError ? {kind: 'error', message: error.message, exitCode: error.exitCode} : {kind: 'crash', error};
	}
}

/** What every successfully loaded config must satisfy, whatever the input was. */
function expectSaneConfig(config: ResolvedConfig, where: string): void {
	expect(Number.isSafeInteger(config.settings.maxWorkers) && config.settings.maxWorkers >= 1, where).toBe(true);
	expect(config.settings.healthCheckTimeoutSeconds, where).toBeGreaterThan(0);
	for (const remote of config.remotes) {
		expect(remote.timeoutSeconds, where).toBeGreaterThan(0);
		expect(Number.isInteger(remote.retry) && remote.retry >= 0, where).toBe(true);
		// A config URL is passed to git as a repository: it must never look like an option.
		if (!remote.inGit) expect(remote.url?.trimStart().startsWith('-'), where).toBe(false);
	}
}

let repo: string;
let userDir: string;
let pwned: string;
let corpus: CorpusCase[];

isolateProductGit();
beforeAll(async () => {
	await forSuite(() => {
		repo = makeRepo();
		addBareRemote(repo, 'origin');
		userDir = tempDir('rst-xdg-');
		pwned = canary();
		corpus = generateCorpus({seed, count: corpusSize, canaryCommand: `touch ${pwned}`});
	});
});
afterAll(() => {
});

describe(`bad config: ${corpusSize} seeded mutations through the loader`, () => {
	it('every case loads sanely or fails with one line naming the file; nothing crashes, hangs or runs', async () => {
		const crashes: string[] = [];
		const tally = {ok: 0, error: 0};
		const file = path.join(repo, '.remotesyncrc.json');
		let slowest = 0;
		for (const entry of corpus) {
			writeFileSync(file, entry.text);
			const started = performance.now();
			const outcome = await load(repo, userDir);
			slowest = Math.max(slowest, performance.now() - started);
			const where = `case ${entry.id} (${entry.kind}):\n${entry.text.slice(0, 400)}`;
			if (outcome.kind === 'crash') {
				crashes.push(`${where}\n→ ${String(outcome.error)}`);
				continue;
			}

			tally[outcome.kind]++;
			if (outcome.kind === 'ok') expectSaneConfig(outcome.config, where);
			else {
				expect(outcome.exitCode, where).toBe(2);
				expect(outcome.message.split('\n'), where).toHaveLength(1);
				expect(outcome.message, where).toContain('.remotesyncrc.json');
				// Long hostile values are cut when quoted back, not echoed whole.
				expect(outcome.message.length, where).toBeLessThan(1000);
			}
		}

		expect(crashes, crashes.join('\n\n')).toEqual([]);
		// The corpus really exercises both sides.
		expect(tally.ok).toBeGreaterThan(50);
		expect(tally.error).toBeGreaterThan(200);
		expect(slowest).toBeLessThan(5000);
		expect(existsSync(pwned)).toBe(false);
		// A "__proto__" key anywhere must not have changed what every object inherits.
		expect(Object.keys(Object.prototype)).toEqual([]);
	});

	it('10,000 remotes load in bounded time, in priority order', async () => {
		const remotes = Object.fromEntries(Array.from({length: 10_000}, (_, i) => [`mirror-${i}`, {url: `/nonexistent/${i}.git`, priority: i % 7}]));
		writeFileSync(path.join(repo, '.remotesyncrc.json'), JSON.stringify({remotes}));
		const started = performance.now();
		const outcome = await load(repo, userDir);
		expect(performance.now() - started).toBeLessThan(5000);
		if (outcome.kind !== 'ok') throw new Error(`10,000 remotes did not load: ${outcome.kind === 'error' ? outcome.message : String(outcome.error)}`);
		expect(outcome.config.remotes).toHaveLength(10_001);
		const priorities = outcome.config.remotes.map(remote => remote.priority);
		expect(priorities).toEqual([...priorities].sort((a, b) => a - b));
	});
});

describe('bad config through the real program (a sample of the corpus)', () => {
	it('20 cases: exit 0-3, one error line naming the file on exit 2, no stack trace, nothing run', async () => {
		const sample = corpus.filter((_, index) => index % Math.floor(corpusSize / 20) === 0).slice(0, 20);
		// Two at a time: the machine has two cores.
		for (let i = 0; i < sample.length; i += 2) {
			await Promise.all(
				sample.slice(i, i + 2).map(async entry => {
					const work = makeRepo();
					addBareRemote(work, 'origin');
					writeFileSync(path.join(work, '.remotesyncrc.json'), entry.text);
					const run = await runCli(['--push', '--json'], {cwd: work, timeoutMs: 30_000});
					const where = `case ${entry.id}:\n${entry.text.slice(0, 400)}`;
					expectCleanEnd(run, where);
					if (run.exitCode === 2) {
						expect(run.stdout, where).toBe('');
						expect(run.stderr.trim().split('\n'), where).toHaveLength(1);
						expect(run.stderr, where).toContain('.remotesyncrc.json');
					} else expect(() => JSON.parse(run.stdout) as unknown, where).not.toThrow();
				}),
			);
		}

		expect(existsSync(pwned)).toBe(false);
	});

	it('huge but valid timeouts mean "as good as never", not "at once"', async () => {
		const work = makeRepo();
		addBareRemote(work, 'origin');
		writeFileSync(path.join(work, '.remotesyncrc.json'), JSON.stringify({health_check_timeout: 1e300, retry_max_delay: 1e308, remotes: {origin: {timeout: 1e12}}}));
		commit(work, 'pushed with a very patient config');
		for (const [args, expected] of [[['--health-check', '--json'], '"class": "reachable"'], [['--push', '--json'], '"status": "pushed"']] as const) {
			const run = await runCli([...args], {cwd: work});
			expectCleanEnd(run, args.join(' '));
			expect(run.stdout, run.stderr).toContain(expected);
			expect(run.stderr).not.toContain('TimeoutOverflowWarning');
		}
	});

	it('10,000 remotes through the program: one can still be chosen and reported', async () => {
		const work = makeRepo();
		const remotes = Object.fromEntries(Array.from({length: 10_000}, (_, i) => [`mirror-${i}`, {url: `/nonexistent/${i}.git`}]));
		writeFileSync(path.join(work, '.remotesyncrc.json'), JSON.stringify({remotes}));
		const run = await runCli(['--status', '--no-fetch', '--json', '--remote', 'mirror-9999'], {cwd: work, timeoutMs: 30_000});
		expectCleanEnd(run);
		expect(JSON.parse(run.stdout)).toMatchObject({remotes: [expect.objectContaining({name: 'mirror-9999', state: 'unknown'})]});
		expect(git(work, 'status', '--porcelain')).toBe('?? .remotesyncrc.json');
	});
});
