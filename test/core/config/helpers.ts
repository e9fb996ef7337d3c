import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, vi} from 'vitest';
import {ConfigError} from '../../../source/core/errors.js';
import {loadConfig, type LoadOptions} from '../../../source/core/config/load.js';
import type {ResolvedConfig} from '../../../source/core/config/schema.js';
import {git, isolatedHome, makeRepo, tempDir} from '../../harness/index.js';

/**
 * Config tests run the real loader against real repositories. Product code runs git with
 * process.env, so the machine's global git config (which may define remotes) is kept out
 * by pointing HOME at the harness's isolated home for each test.
 */
beforeEach(() => {
	vi.stubEnv('HOME', isolatedHome());
	vi.stubEnv('GIT_CONFIG_NOSYSTEM', '1');
	vi.stubEnv('XDG_CONFIG_HOME', path.join(isolatedHome(), '.config'));
});
afterEach(() => {
	vi.unstubAllEnvs();
});

export type Sandbox = {repo: string; userDir: string};

/** A repo (with the given git remotes, name → url) and an empty user config dir. */
export function sandbox(remotes: Record<string, string> = {}): Sandbox {
	const repo = makeRepo();
	for (const [name, url] of Object.entries(remotes)) git(repo, 'remote', 'add', name, url);
	return {repo, userDir: tempDir('rst-xdg-')};
}

export function writeJson(file: string, value: unknown): string {
	return writeText(file, JSON.stringify(value, null, 2));
}

export function writeText(file: string, text: string): string {
	mkdirSync(path.dirname(file), {recursive: true});
	writeFileSync(file, text);
	return file;
}

/** loadConfig with nothing from the machine: an empty env and the sandbox's user dir. */
export async function load(box: Sandbox, options: Partial<LoadOptions> = {}): Promise<ResolvedConfig> {
	return loadConfig({cwd: box.repo, env: {}, userConfigDir: box.userDir, ...options});
}

/** The ConfigError a load throws (fails the test if it resolves or throws something else). */
export async function loadError(box: Sandbox, options: Partial<LoadOptions> = {}): Promise<ConfigError> {
	const error = await load(box, options).then(
		() => undefined,
		(thrown: unknown) => thrown,
	);
	if (!(error instanceof ConfigError)) throw new Error(`expected a ConfigError, got ${String(error)}`);
	return error;
}

export function remote(config: ResolvedConfig, name: string) {
	const found = config.remotes.find(r => r.name === name);
	if (!found) throw new Error(`no remote ${name} in ${config.remotes.map(r => r.name).join(', ')}`);
	return found;
}
