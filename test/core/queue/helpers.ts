import {readFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, vi} from 'vitest';
import {isolatedHome} from '../../harness/index.js';

/** Product code runs git with process.env: point it at the isolated HOME, as on a clean machine. */
export function isolateProductGit(): void {
	beforeAll(() => {
		vi.stubEnv('HOME', isolatedHome());
		vi.stubEnv('XDG_CONFIG_HOME', path.join(isolatedHome(), '.config'));
		vi.stubEnv('GIT_CONFIG_NOSYSTEM', '1');
	});
	afterAll(() => {
		vi.unstubAllEnvs();
	});
}

/** The queue file as any other program reads it: must be whole, valid JSON. */
export function readQueueJson(file: string): {version: number; entries: Array<Record<string, unknown>>} {
	return JSON.parse(readFileSync(file, 'utf8')) as {version: number; entries: Array<Record<string, unknown>>};
}

export const shaA = 'a'.repeat(40);
export const shaB = 'b'.repeat(40);
export const shaC = 'c'.repeat(40);
