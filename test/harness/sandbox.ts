import {mkdtempSync, rmSync, realpathSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, afterEach} from 'vitest';

/**
 * Everything a test starts or creates registers its own cleanup here; `afterEach` runs them
 * newest first, also when the test failed. Import this module (directly or through
 * harness/index.ts) and cleanup is automatic.
 */
type Disposer = () => void | Promise<void>;
const disposers: Disposer[] = [];
const suiteDisposers: Disposer[] = [];
const fileDisposers: Disposer[] = [];
let inSuiteScope = false;

export function onCleanup(dispose: Disposer): void {
	(inSuiteScope ? suiteDisposers : disposers).push(dispose);
}

/**
 * For beforeAll: what `build` starts or creates (servers, temp dirs, a buildFleet) lives
 * until the file's afterAll instead of the first afterEach.
 */
export async function forSuite<T>(build: () => T | Promise<T>): Promise<T> {
	inSuiteScope = true;
	try {
		return await build();
	} finally {
		inSuiteScope = false;
	}
}

export async function cleanupAll(list: Disposer[] = disposers): Promise<void> {
	const errors: unknown[] = [];
	while (list.length > 0) {
		const dispose = list.pop()!;
		try {
			await dispose();
		} catch (error) {
			errors.push(error);
		}
	}

	if (errors.length > 0) throw errors[0];
}

/** What the whole test file shares (the isolated HOME): removed after everything else, once the file is done. */
export function onFileEnd(dispose: Disposer): void {
	fileDisposers.push(dispose);
}

afterEach(async () => cleanupAll(disposers));
afterAll(async () => {
	try {
		await cleanupAll(suiteDisposers);
	} finally {
		await cleanupAll(fileDisposers);
	}
});

/** A fresh temporary directory removed after the test. */
export function tempDir(prefix = 'rst-'): string {
	const dir = realpathSync(mkdtempSync(path.join(tmpdir(), prefix)));
	onCleanup(() => rmSync(dir, {recursive: true, force: true}));
	return dir;
}
