import {describe, expect, it} from 'vitest';
import {parseBoolean, readEnvLayer} from '../../../source/core/config/env.js';
import {ConfigError} from '../../../source/core/errors.js';

describe('REMOTE_SYNC_* environment variables', () => {
	it('accepts true/false/1/0/yes/no in any case', () => {
		for (const word of ['true', 'TRUE', 'True', '1', 'yes', 'YES', ' yes ']) expect(parseBoolean(word)).toBe(true);
		for (const word of ['false', 'False', '0', 'no', 'NO']) expect(parseBoolean(word)).toBe(false);
		for (const word of ['on', 'off', 'ture', '2', 'y']) expect(parseBoolean(word)).toBeUndefined();
	});

	it('maps each variable to its setting', () => {
		const read = readEnvLayer({
			REMOTE_SYNC_PARALLEL: 'no',
			REMOTE_SYNC_OFFLINE_QUEUE: '0',
			REMOTE_SYNC_MAX_WORKERS: ' 7 ',
			REMOTE_SYNC_DRY_RUN: 'Yes',
			REMOTE_SYNC_VERBOSE: 'true',
		});
		expect(read).toEqual({layer: {parallel: false, offline_queue: false, max_workers: 7}, dryRun: true, verbose: true});
	});

	it('treats unset and empty variables as not given', () => {
		expect(readEnvLayer({})).toEqual({layer: {}, dryRun: undefined, verbose: undefined});
		expect(readEnvLayer({REMOTE_SYNC_DRY_RUN: '', REMOTE_SYNC_MAX_WORKERS: '  '})).toEqual({layer: {}, dryRun: undefined, verbose: undefined});
	});

	const invalid: Array<[string, string]> = [
		['REMOTE_SYNC_PARALLEL', 'maybe'],
		['REMOTE_SYNC_OFFLINE_QUEUE', 'on'],
		['REMOTE_SYNC_DRY_RUN', 'ture'],
		['REMOTE_SYNC_VERBOSE', '2'],
		['REMOTE_SYNC_MAX_WORKERS', '0'],
		['REMOTE_SYNC_MAX_WORKERS', '2.5'],
		['REMOTE_SYNC_MAX_WORKERS', 'four'],
		['REMOTE_SYNC_MAX_WORKERS', '-3'],
		['REMOTE_SYNC_MAX_WORKERS', '99999999999999999999'],
	];
	for (const [name, value] of invalid) {
		it(`rejects ${name}=${value} with a message naming the variable`, () => {
			let thrown: unknown;
			try {
				readEnvLayer({[name]: value});
			} catch (error) {
				thrown = error;
			}

			expect(thrown).toBeInstanceOf(ConfigError);
			const error = thrown as ConfigError;
			expect(error.exitCode).toBe(2);
			expect(error.message.startsWith(`${name}: `)).toBe(true);
			expect(error.message).toContain(JSON.stringify(value));
			expect(error.message).toMatch(/unset/);
			expect(error.message).not.toContain('\n');
		});
	}
});
