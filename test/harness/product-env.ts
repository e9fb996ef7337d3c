import path from 'node:path';
import {afterAll, beforeAll, vi} from 'vitest';
import {defaults, remoteDefaults} from '../../source/core/config/defaults.js';
import type {ResolvedRemote} from '../../source/core/config/schema.js';
import {isolatedHome} from './repo.js';

/**
 * Product code runs git with process.env (as it must, to honour the user's setup). In-process
 * tests point that environment at the isolated HOME, as on a clean machine.
 */
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

/** A ResolvedRemote as config resolution would produce it: defaults filled in, then `overrides`. */
export function resolvedRemote(name: string, overrides: Partial<ResolvedRemote> = {}): ResolvedRemote {
	return {
		name,
		inGit: true,
		configured: false,
		priority: remoteDefaults.priority,
		branches: remoteDefaults.branches,
		forcePush: remoteDefaults.force_push,
		retry: remoteDefaults.retry,
		timeoutSeconds: remoteDefaults.timeout,
		stallTimeoutSeconds: defaults.stall_timeout,
		enabled: true,
		tags: remoteDefaults.tags,
		...overrides,
	};
}
