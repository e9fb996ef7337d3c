import {mkdtempSync, rmSync, realpathSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach} from 'vitest';

/**
 * Everything a test starts or creates registers its own cleanup here; `afterEach` runs them
 * newest first, also when the test failed. Import this module (directly or through
 * harness/index.ts) and cleanup is automatic.
 */
type Disposer = () => void | Promise<void>;
const disposers: Disposer[] = [];

export function onCleanup(dispose: Disposer): void {
	disposers.push(dispose);
}

export async function cleanupAll(): Promise<void> {
	const errors: unknown[] = [];
	while (disposers.length > 0) {
		const dispose = disposers.pop()!;
		try {
			await dispose();
		} catch (error) {
			errors.push(error);
		}
	}

	if (errors.length > 0) throw errors[0];
}

afterEach(cleanupAll);

/** A fresh temporary directory removed after the test. */
export function tempDir(prefix = 'rst-'): string {
	const dir = realpathSync(mkdtempSync(path.join(tmpdir(), prefix)));
	onCleanup(() => rmSync(dir, {recursive: true, force: true}));
	return dir;
}
