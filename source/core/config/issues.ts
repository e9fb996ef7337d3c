import type * as z from 'zod';
import {forcePushPolicies} from './defaults.js';
import {describeValue, formatKeyPath, valueAt} from './key-path.js';

/**
 * Turns the first zod issue of a config layer into one line a user can act on:
 * `remotes.origin.retry: must be a whole number (got 1.5); for example "retry": 3`.
 * The schema's own messages ("must be ...") are kept; zod's generic ones are rewritten.
 */

export type IssueText = {keyPath: string; problem: string};

// A valid value for each key, shown as the way out of the error.
const examples: Record<string, string> = {
	priority: '1',
	retry: '3',
	timeout: '30',
	max_workers: '4',
	health_check_timeout: '5',
	refresh_interval: '60',
	stall_timeout: '10',
	retry_base_delay: '1.0',
	retry_max_delay: '30.0',
	branches: '["main", "release/*"]',
	force_push: '"block"',
	parallel: 'true',
	offline_queue: 'true',
	auto_fetch: 'true',
	enabled: 'true',
	auto_connect: 'true',
	group: '"mirrors"',
	url: '"git@example.com:team/repo.git"',
	connect_cmd: '"wg-quick up wg0"',
	disconnect_cmd: '"wg-quick down wg0"',
	check_cmd: '"wg show wg0"',
	remotes: '{"origin": {"priority": 1}}',
	branch_map: '{"main": "master"}',
	$schema: '"./schema/remotesyncrc.schema.json"',
};

function lastKey(path: readonly PropertyKey[]): string | undefined {
	for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
	return undefined;
}

function exampleFor(path: readonly PropertyKey[]): string | undefined {
	const key = lastKey(path);
	if (key === undefined) return undefined;
	if (path.length === 1 && key === 'vpn') return `"vpn": {"corporate": {"connect_cmd": "wg-quick up wg0"}}`;
	if (key === 'vpn') return `"vpn": "corporate"`;
	if (path.length === 2 && path[0] === 'remotes') return `"${key}": {"priority": 1}`;
	if (path.length === 2 && path[0] === 'vpn') return `"${key}": {"connect_cmd": "wg-quick up wg0"}`;
	// Inside branch_map the key is a branch name, which may be spelled like any setting.
	if (path.length === 4 && path[2] === 'branch_map') return `"${key}": "master"`;
	const example = examples[key];
	return example === undefined ? undefined : `"${key}": ${example}`;
}

// Counts: "must be a number" would invite 1.5, which is wrong too.
const wholeNumberKeys = new Set(['priority', 'retry', 'max_workers']);

function expectedText(expected: string, path: readonly PropertyKey[]): string {
	switch (expected) {
		case 'int':
			return 'must be a whole number';
		case 'number':
			return wholeNumberKeys.has(String(path.at(-1))) ? 'must be a whole number' : 'must be a number';
		case 'boolean':
			return 'must be true or false';
		case 'string':
			return 'must be a string';
		case 'array':
			return 'must be a list of strings';
		case 'record':
		case 'object':
			if (path.length === 1 && path[0] === 'remotes') return 'must be an object mapping remote names to their settings';
			if (path.length === 1 && path[0] === 'vpn') return 'must be an object mapping VPN names to their commands';
			return 'must be an object of settings';
		default:
			return `must be ${expected}`;
	}
}

function problemOf(issue: z.core.$ZodIssue, value: unknown): string {
	const got = ` (got ${describeValue(value)})`;
	switch (issue.code) {
		case 'invalid_type': {
			const text = expectedText(issue.expected, issue.path);
			// The one fix everybody needs: "branches": "main" → ["main"].
			if (issue.expected === 'array' && typeof value === 'string') return `${text}${got}; write [${describeValue(value)}]`;
			return text + got;
		}

		case 'too_small':
		case 'too_big':
			return (issue.message.startsWith('must') ? issue.message : `must be ${issue.code === 'too_small' ? 'at least' : 'at most'} ${String(issue.code === 'too_small' ? issue.minimum : issue.maximum)}`) + got;
		case 'invalid_value': {
			const values = issue.path.at(-1) === 'force_push' ? forcePushPolicies : issue.values;
			return `must be one of ${values.map(v => JSON.stringify(v)).join(', ')}${got}`;
		}

		case 'invalid_union':
			return `must be the name of an entry in "vpn" or an inline VPN object${got}`;
		default:
			return (issue.message.startsWith('must') ? issue.message : issue.message.toLowerCase()) + got;
	}
}

/**
 * For `vpn` (a name or an object), zod reports a bad key inside an inline object as a failed
 * union: dig out the object branch's own issue so the path reaches the key.
 */
function innerUnionIssue(issue: z.core.$ZodIssue, value: unknown): z.core.$ZodIssue | undefined {
	if (issue.code !== 'invalid_union' || typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
	for (const branch of issue.errors) {
		const inner = branch[0];
		if (inner && inner.path.length > 0) return {...inner, path: [...issue.path, ...inner.path]};
	}

	return undefined;
}

export function describeIssue(issue: z.core.$ZodIssue, data: unknown): IssueText {
	const value = valueAt(data, issue.path);
	const inner = innerUnionIssue(issue, value);
	if (inner) return describeIssue(inner, data);
	let problem = problemOf(issue, value);
	const example = issue.code === 'invalid_value' || problem.includes('; write [') ? undefined : exampleFor(issue.path);
	if (example !== undefined) problem += `; for example ${example}`;
	return {keyPath: formatKeyPath(issue.path), problem};
}
