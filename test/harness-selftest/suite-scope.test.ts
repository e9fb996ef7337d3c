import {beforeAll, describe, expect, it} from 'vitest';
import {canConnect, forSuite, startSilentSocket, tempDir} from '../harness/index.js';
import {existsSync} from 'node:fs';

describe('harness: forSuite keeps beforeAll resources for the whole file', () => {
	let port = 0;
	let dir = '';
	beforeAll(async () => {
		({port, dir} = await forSuite(async () => ({port: (await startSilentSocket()).port, dir: tempDir()})));
	});

	it('is there in the first test', async () => {
		expect(await canConnect(port)).toBe(true);
		expect(existsSync(dir)).toBe(true);
	});

	it('is still there after the first test\'s cleanup', async () => {
		expect(await canConnect(port)).toBe(true);
		expect(existsSync(dir)).toBe(true);
	});
});
