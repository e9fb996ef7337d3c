import {existsSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {loadConfig} from '../../source/core/config/load.js';
import {ConfigError} from '../../source/core/errors.js';
import {runCli} from '../cli/run-cli.js';
import {addBareRemote, forSuite, makeRepo, tempDir} from '../harness/index.js';
import {expectCleanEnd} from './support.js';
import {isolateProductGit} from '../harness/product-env.js';

/**
 * REMOTE_SYNC_* values from a hostile or careless environment (SPEC §2: "an invalid value is
 * a clear error, not ignored"). The expectation is computed by an independent oracle: the
 * documented grammar, not the product's parser.
 */

// A fixed path per worker, removed with the suite: the cases are built before any hook runs.
const pwned = path.join(tmpdir(), `rst-env-canary-${process.pid}`);
const shellish = [`yes; touch ${pwned}`, `$(touch ${pwned})`, `\`touch ${pwned}\``, `1 && touch ${pwned}`];
const numbers = ['-1', '0', '1e309', '1e3', '4.0', '0x10', '٤', '99999999999999999999', '9007199254740993', 'Infinity', 'NaN', '+4', '4 4', '1_000'];
const words = ['yes', 'YES', ' no ', 'True', '0', '1', 'ja', 'ture', 'on', 'off', 'y', '', ' ', 'ünï', '\t1\t'];

const booleans = ['REMOTE_SYNC_PARALLEL', 'REMOTE_SYNC_OFFLINE_QUEUE', 'REMOTE_SYNC_DRY_RUN', 'REMOTE_SYNC_VERBOSE'];

/** The documented grammar: true/false/1/0/yes/no in any case; empty means unset. */
function booleanOk(value: string): boolean {
	return value.trim() === '' || ['true', 'false', '1', '0', 'yes', 'no'].includes(value.trim().toLowerCase());
}

/** A whole number of at least 1 in plain decimal digits, small enough to be exact. */
function workersOk(value: string): boolean {
	if (value.trim() === '') return true;
	return /^\s*[0-9]+\s*$/.test(value) && Number(value) >= 1 && Number(value) <= Number.MAX_SAFE_INTEGER;
}

const cases: Array<{name: string; value: string; ok: boolean}> = [
	...booleans.flatMap(name => [...words, ...shellish, ...numbers.slice(0, 4)].map(value => ({name, value, ok: booleanOk(value)}))),
	...[...numbers, ...shellish, ...words].map(value => ({name: 'REMOTE_SYNC_MAX_WORKERS', value, ok: workersOk(value)})),
];

let repo: string;
let userDir: string;
isolateProductGit();
beforeAll(async () => {
	await forSuite(() => {
		repo = makeRepo();
		addBareRemote(repo, 'origin');
		userDir = tempDir('rst-xdg-');
	});
});
afterAll(() => {
	rmSync(pwned, {force: true});
});

describe(`hostile REMOTE_SYNC_* values (${cases.length} of them)`, () => {
	it('each is accepted exactly when the documented grammar allows it, else one error naming the variable', async () => {
		const wrong: string[] = [];
		for (const {name, value, ok} of cases) {
			const outcome = await loadConfig({cwd: repo, env: {[name]: value}, userConfigDir: userDir}).then(
				() => 'ok',
				(error: unknown) => error,
			);
			if (ok && outcome !== 'ok') wrong.push(`${name}=${JSON.stringify(value)} was refused: ${String(outcome)}`);
			if (!ok) {
				if (!(outcome instanceof ConfigError)) wrong.push(`${name}=${JSON.stringify(value)} gave ${String(outcome)}, not a ConfigError`);
				else if (!outcome.message.startsWith(`${name}: `) || outcome.message.includes('\n')) wrong.push(`${name}=${JSON.stringify(value)}: unclear message ${outcome.message}`);
			}
		}

		expect(wrong, wrong.join('\n')).toEqual([]);
		expect(existsSync(pwned)).toBe(false);
	});

	it.each([
		['REMOTE_SYNC_MAX_WORKERS', '-1'],
		['REMOTE_SYNC_MAX_WORKERS', '1e309'],
		['REMOTE_SYNC_PARALLEL', `yes; touch ${pwned}`],
		['REMOTE_SYNC_DRY_RUN', 'ture'],
	])('through the program: %s=%j is exit 2 naming the variable, nothing pushed or run', async (name, value) => {
		const run = await runCli(['--push', '--json'], {cwd: repo, env: {[name]: value}});
		expectCleanEnd(run);
		expect(run.exitCode).toBe(2);
		expect(run.stdout).toBe('');
		expect(run.stderr.trim().split('\n')).toEqual([expect.stringContaining(name)]);
		expect(existsSync(pwned)).toBe(false);
	});
});
