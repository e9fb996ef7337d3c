import {ConfigError} from '../errors.js';
import type {ConfigLayer} from './schema.js';

/**
 * The `REMOTE_SYNC_*` variables of the old tool, read as one config layer. A value that
 * cannot be understood is an error naming the variable — never silently ignored, because
 * a mistyped REMOTE_SYNC_DRY_RUN=ture must not push for real.
 */

export type EnvLayer = {layer: ConfigLayer; dryRun?: boolean; verbose?: boolean};

const truthy = new Set(['true', '1', 'yes']);
const falsy = new Set(['false', '0', 'no']);

/** true/false/1/0/yes/no in any case; undefined for anything else. */
export function parseBoolean(value: string): boolean | undefined {
	const word = value.trim().toLowerCase();
	if (truthy.has(word)) return true;
	if (falsy.has(word)) return false;
	return undefined;
}

// Set-but-empty (`REMOTE_SYNC_DRY_RUN= cmd`) means "not set", as for most Unix tools.
function read(env: NodeJS.ProcessEnv, name: string): string | undefined {
	const value = env[name];
	return value === undefined || value.trim() === '' ? undefined : value;
}

function shown(value: string): string {
	return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

function booleanVariable(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
	const value = read(env, name);
	if (value === undefined) return undefined;
	const parsed = parseBoolean(value);
	if (parsed === undefined) {
		throw new ConfigError(`${name}: must be true/false, 1/0 or yes/no (got ${shown(value)}); fix the value or unset ${name}`, {keyPath: name});
	}

	return parsed;
}

function workersVariable(env: NodeJS.ProcessEnv, name: string): number | undefined {
	const value = read(env, name);
	if (value === undefined) return undefined;
	const trimmed = value.trim();
	const parsed = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
	if (!Number.isSafeInteger(parsed) || parsed < 1) {
		throw new ConfigError(`${name}: must be a whole number of at least 1 (got ${shown(value)}); set e.g. ${name}=4 or unset it`, {keyPath: name});
	}

	return parsed;
}

export function readEnvLayer(env: NodeJS.ProcessEnv): EnvLayer {
	const layer: ConfigLayer = {};
	const parallel = booleanVariable(env, 'REMOTE_SYNC_PARALLEL');
	if (parallel !== undefined) layer.parallel = parallel;
	const offlineQueue = booleanVariable(env, 'REMOTE_SYNC_OFFLINE_QUEUE');
	if (offlineQueue !== undefined) layer.offline_queue = offlineQueue;
	const maxWorkers = workersVariable(env, 'REMOTE_SYNC_MAX_WORKERS');
	if (maxWorkers !== undefined) layer.max_workers = maxWorkers;
	return {layer, dryRun: booleanVariable(env, 'REMOTE_SYNC_DRY_RUN'), verbose: booleanVariable(env, 'REMOTE_SYNC_VERBOSE')};
}
