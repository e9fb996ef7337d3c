import {existsSync} from 'node:fs';
import path from 'node:path';
import {ConfigError, UsageError} from '../errors.js';
import {discoverRepository, type Repository} from './discover.js';
import {readEnvLayer} from './env.js';
import type {SourcedLayer} from './layers.js';
import {displayPath, findRepoConfig, userConfigFile} from './locate.js';
import {mergeLayers} from './merge.js';
import type {FileLayer} from './read-layer.js';
import {resolveRemotes} from './resolve.js';
import {defaults} from './defaults.js';
import type {ConfigLayer, ResolvedConfig, ResolvedSettings} from './schema.js';
import {validateMerged} from './validate.js';

/**
 * SPEC §2: defaults < user config (XDG) < repo file < environment < CLI, merged deeply,
 * each file validated on its own so an error names it. Any problem is a ConfigError
 * (exit 2) before anything runs: a broken config never falls back to pushing everywhere.
 */

export type CliOverrides = {parallel?: boolean; maxWorkers?: number; dryRun?: boolean; verbose?: boolean; offlineQueue?: boolean; autoFetch?: boolean};

export type LoadOptions = {
	cwd: string;
	configPath?: string;
	env?: NodeJS.ProcessEnv;
	cli?: CliOverrides;
	userConfigDir?: string;
	/** What git already said about the repository (the start-up reads): saves asking again. */
	repository?: Repository;
	/** Replaces the default of offline_queue (a CI job: false); any layer that sets the key still wins. */
	defaultOfflineQueue?: boolean;
};

function cliLayer(cli: CliOverrides): ConfigLayer {
	if (cli.maxWorkers !== undefined && (!Number.isSafeInteger(cli.maxWorkers) || cli.maxWorkers < 1)) {
		throw new UsageError(`max workers must be a whole number of at least 1 (got ${String(cli.maxWorkers)}); pass e.g. 4`);
	}

	const layer: ConfigLayer = {};
	if (cli.parallel !== undefined) layer.parallel = cli.parallel;
	if (cli.maxWorkers !== undefined) layer.max_workers = cli.maxWorkers;
	if (cli.offlineQueue !== undefined) layer.offline_queue = cli.offlineQueue;
	if (cli.autoFetch !== undefined) layer.auto_fetch = cli.autoFetch;
	return layer;
}

function repoFile(cwd: string, workTree: string, configPath: string | undefined): {file: string; display: string} | undefined {
	if (configPath === undefined) {
		const found = findRepoConfig(cwd, workTree);
		return found === undefined ? undefined : {file: found, display: displayPath(cwd, found)};
	}

	const file = path.resolve(cwd, configPath);
	if (!existsSync(file)) {
		throw new ConfigError(`${configPath}: file not found (--config looked for ${file}); check the path, or drop --config to use the repository's .remotesyncrc.json`, {
			file: configPath,
		});
	}

	return {file, display: configPath};
}

function settingsOf(merged: ConfigLayer, env: {dryRun?: boolean; verbose?: boolean}, cli: CliOverrides, defaultOfflineQueue: boolean): ResolvedSettings {
	return {
		parallel: merged.parallel ?? defaults.parallel,
		maxWorkers: merged.max_workers ?? defaults.max_workers,
		offlineQueue: merged.offline_queue ?? defaultOfflineQueue,
		healthCheckTimeoutSeconds: merged.health_check_timeout ?? defaults.health_check_timeout,
		refreshIntervalSeconds: merged.refresh_interval ?? defaults.refresh_interval,
		retryBaseDelaySeconds: merged.retry_base_delay ?? defaults.retry_base_delay,
		retryMaxDelaySeconds: merged.retry_max_delay ?? defaults.retry_max_delay,
		autoFetch: merged.auto_fetch ?? defaults.auto_fetch,
		stallTimeoutSeconds: merged.stall_timeout ?? defaults.stall_timeout,
		dryRun: cli.dryRun ?? env.dryRun ?? false,
		verbose: cli.verbose ?? env.verbose ?? false,
	};
}

/** The file reader loads only when there is a file to read (zod only when that file is invalid). */
async function readLayer(file: string, display: string): Promise<FileLayer> {
	const {readLayerFile} = await import('./read-layer.js');
	return readLayerFile(file, display);
}

export async function loadConfig(options: LoadOptions): Promise<ResolvedConfig> {
	const cwd = path.resolve(options.cwd);
	const env = options.env ?? process.env;
	const cli = options.cli ?? {};
	const repository = options.repository ?? (await discoverRepository(cwd));
	const layers: SourcedLayer[] = [];
	const warnings: string[] = [];

	const userFile = userConfigFile(env, options.userConfigDir);
	if (existsSync(userFile)) {
		const display = displayPath(cwd, userFile);
		const {layer, warnings: found} = await readLayer(userFile, display);
		layers.push({kind: 'user', layer, file: userFile, display});
		warnings.push(...found);
	}

	const repo = repoFile(cwd, repository.workTree, options.configPath);
	if (repo) {
		const {layer, warnings: found} = await readLayer(repo.file, repo.display);
		layers.push({kind: 'repo', layer, ...repo});
		warnings.push(...found);
	}

	const fromEnv = readEnvLayer(env);
	layers.push({kind: 'env', layer: fromEnv.layer}, {kind: 'cli', layer: cliLayer(cli)});

	const merged = mergeLayers(layers.map(sourced => sourced.layer));
	validateMerged(merged, layers, {cwd, workTree: repository.workTree});
	const resolved = resolveRemotes(merged, layers, repository.remotes, repository.workTree);
	return {
		settings: settingsOf(merged, fromEnv, cli, options.defaultOfflineQueue ?? defaults.offline_queue),
		remotes: resolved.remotes,
		warnings: [...warnings, ...resolved.warnings],
		files: layers.flatMap(sourced => (sourced.file === undefined ? [] : [sourced.file])),
		workTree: repository.workTree,
	};
}
