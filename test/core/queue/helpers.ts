import {readFileSync} from 'node:fs';

export {isolateProductGit} from '../../harness/product-env.js';

/** The queue file as any other program reads it: must be whole, valid JSON. */
export function readQueueJson(file: string): {version: number; entries: Array<Record<string, unknown>>} {
	return JSON.parse(readFileSync(file, 'utf8')) as {version: number; entries: Array<Record<string, unknown>>};
}

export const shaA = 'a'.repeat(40);
export const shaB = 'b'.repeat(40);
export const shaC = 'c'.repeat(40);
