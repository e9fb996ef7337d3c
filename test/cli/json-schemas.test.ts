import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import type {ErrorClass, PushStatus, ReachClass, SyncState} from '../../source/core/model.js';
import {healthDocument, operationDocument, queueDocument, statusDocument} from '../../source/report/json.js';
import {buildFleet, commit, forSuite, git, type Fleet} from '../harness/index.js';
import {compileSchema, readSchema, schemaErrors} from '../setup/json-validator.js';
import {parseJson, runCli} from './run-cli.js';

const validators = {
	status: compileSchema('schema/output/status.schema.json'),
	operation: compileSchema('schema/output/operation.schema.json'),
	health: compileSchema('schema/output/health.schema.json'),
	queue: compileSchema('schema/output/queue.schema.json'),
};
type Kind = keyof typeof validators;

/**
 * Every value of the model's unions, written as a Record so TypeScript fails the build when
 * model.ts gains or loses one; the test then holds the published enums to the same list.
 */
const syncStates: Record<SyncState, true> = {'in-sync': true, ahead: true, behind: true, diverged: true, missing: true, unknown: true, filtered: true};
const pushStatuses: Record<PushStatus, true> = {pushed: true, 'up-to-date': true, skipped: true, blocked: true, rejected: true, queued: true, failed: true, 'would-push': true, 'would-force': true, 'would-block': true};
const errorClasses: Record<ErrorClass, true> = {unreachable: true, 'auth-failed': true, 'host-key': true, timeout: true, rejected: true, 'not-found': true, 'hook-failed': true, 'vpn-down': true, interrupted: true, other: true};
const reachClasses: Record<ReachClass, true> = {reachable: true, unreachable: true, 'auth-failed': true, 'host-key': true, timeout: true, 'vpn-down': true, 'not-found': true, other: true};

type Node = {enum?: string[]; properties?: Record<string, Node>; items?: Node; $defs?: Record<string, Node>};
const at = (schema: Node, ...keys: string[]): Node => keys.reduce<Node>((node, key) => (key === '[]' ? node.items! : node.properties?.[key] ?? node.$defs![key]!), schema);
const sorted = (values: Record<string, true> | string[] | undefined) => [...(Array.isArray(values) ? values : Object.keys(values ?? {}))].sort();

describe('the published output schemas follow the model', () => {
	it('state, status and class enums are exactly the values model.ts allows', () => {
		const status = readSchema('schema/output/status.schema.json') as Node;
		const operation = readSchema('schema/output/operation.schema.json') as Node;
		const health = readSchema('schema/output/health.schema.json') as Node;
		expect(sorted(at(status, 'remotes', '[]', 'state').enum)).toEqual(sorted(syncStates));
		expect(sorted(at(status, 'errorClass').enum)).toEqual(sorted(errorClasses));
		expect(sorted(at(operation, 'results', '[]', 'status').enum)).toEqual(sorted(pushStatuses));
		expect(sorted(at(operation, 'errorClass').enum)).toEqual(sorted(errorClasses));
		expect(sorted(at(health, 'remotes', '[]', 'class').enum)).toEqual(sorted(reachClasses));
	});

	it('accepts every optional field json.ts can add, filled in', () => {
		const sha = 'a'.repeat(40);
		const status = statusDocument({
			branch: 'main',
			local: sha,
			remotes: [{remote: 'o', url: 'u', priority: -1, branch: 'main', state: 'diverged', ahead: 1, behind: 2, local: sha, remoteSha: 'b'.repeat(40), vpn: 'corp', fetchedAt: new Date(0).toISOString(), fetchError: {class: 'timeout', message: 'm', detail: 'd', hint: 'h'}}],
			divergence: [{branch: 'main', remotes: ['o', 'p']}],
			queue: {pending: 2},
		});
		const operation = operationDocument(
			{
				results: [{remote: 'o', branch: 'main', status: 'would-force', durationMs: 1.5, attempts: 0, error: 'e', errorClass: 'rejected', vpn: 'corp', message: 'm', sha, wouldLose: ['abc1234 subject'], output: 'raw git output stays out of JSON'}],
				summary: {succeeded: 0, failed: 0, blocked: 0, skipped: 0, queued: 0},
				notes: ['no remote takes branch x'],
			},
			{vpnCommands: ['vpn up']},
		);
		const health = healthDocument([{name: 'o', url: 'u', reachable: false, class: 'vpn-down', latencyMs: 0, error: 'e', vpn: 'corp'}]);
		const queue = {removed: 1, ...queueDocument([{remote: 'o', branch: 'main', sha, attempts: 1, lastError: 'e', queuedAt: new Date(0).toISOString(), lastAttemptAt: new Date(1).toISOString()}])};
		for (const [kind, document] of [['status', status], ['operation', operation], ['health', health], ['queue', queue]] as const) expect(schemaErrors(validators[kind], document), kind).toBe('');
	});

	it('rejects what a script could not rely on: unknown fields, unknown states, missing fields', () => {
		const good = {remotes: [{name: 'o', url: null, reachable: true, class: 'reachable', latencyMs: 3}]};
		expect(schemaErrors(validators.health, good)).toBe('');
		expect(schemaErrors(validators.health, {remotes: [{...good.remotes[0], extra: 1}]})).toMatch(/additional properties.*extra/);
		expect(schemaErrors(validators.health, {remotes: [{...good.remotes[0], class: 'fine'}]})).toMatch(/allowed values/);
		expect(schemaErrors(validators.operation, {results: [], summary: {succeeded: 0, failed: 0, blocked: 0, skipped: 0}})).toMatch(/queued/);
		expect(schemaErrors(validators.queue, {entries: [{remote: 'o', branch: 'main', sha: 'HEAD', attempts: 1, lastError: '', queuedAt: 'yesterday'}]})).toMatch(/pattern[\s\S]*date-time/);
	});
});

// One fleet, the actions in the order a user meets them: the push queues the refused remote,
// so --show-queue, --process-queue and --clear-queue have an entry to work on.
describe('remote-sync --json against a local and a refused remote', () => {
	let fleet: Fleet;
	let tip: string;
	beforeAll(async () => {
		fleet = await forSuite(async () => buildFleet(['local', 'refused']));
		writeFileSync(path.join(fleet.repo, '.remotesyncrc.json'), JSON.stringify({retry_base_delay: 0.01, retry_max_delay: 0.02, health_check_timeout: 2}));
		tip = commit(fleet.repo, 'work to sync');
	});

	async function run(kind: Kind, args: string[], env?: Record<string, string>) {
		const result = await runCli([...args, '--json'], {cwd: fleet.repo, env});
		const document = parseJson(result);
		expect(schemaErrors(validators[kind], document), `${args.join(' ')}\n${result.stdout}`).toBe('');
		return {exitCode: result.exitCode, document};
	}

	it('--status', async () => {
		const {document} = await run('status', ['--status']);
		expect(document.remotes.map((remote: {name: string; state: string; fetchError?: {class: string}}) => [remote.name, remote.state, remote.fetchError?.class])).toEqual([
			['local', 'ahead', undefined],
			['refused', 'unknown', 'unreachable'],
		]);
	});

	it('--push --dry-run', async () => {
		const {document} = await run('operation', ['--push', '--dry-run']);
		expect(document.results[0]).toMatchObject({remote: 'local', status: 'would-push', sha: tip});
		expect(git(fleet.remotes.local!.bare!, 'rev-parse', 'main')).not.toBe(tip);
	});

	it('--push', async () => {
		const {exitCode, document} = await run('operation', ['--push']);
		expect(document.results.map((result: {remote: string; status: string}) => [result.remote, result.status])).toEqual([
			['local', 'pushed'],
			['refused', 'queued'],
		]);
		expect(document.summary).toEqual({succeeded: 1, failed: 0, blocked: 0, skipped: 0, queued: 1});
		expect(exitCode).toBe(3);
	});

	it('--push inside a push remote-sync started (a hook): nothing, and a note why', async () => {
		const {exitCode, document} = await run('operation', ['--push'], {REMOTE_SYNC_HOOK_ACTIVE: '1'});
		expect(document.results).toEqual([]);
		expect(document.notes[0]).toMatch(/would recurse/);
		expect(exitCode).toBe(0);
	});

	it('--push-all', async () => {
		const {document} = await run('operation', ['--push-all']);
		expect(document.results[0]).toMatchObject({remote: 'local', branch: 'main', status: 'up-to-date'});
	});

	it('--fetch', async () => {
		const {exitCode, document} = await run('operation', ['--fetch']);
		expect(document.results[1]).toMatchObject({remote: 'refused', status: 'failed', errorClass: 'unreachable'});
		expect(exitCode).toBe(1);
	});

	it('--health-check', async () => {
		const {document} = await run('health', ['--health-check']);
		expect(document.remotes.map((remote: {class: string}) => remote.class)).toEqual(['reachable', 'unreachable']);
	});

	it('--show-queue', async () => {
		const {exitCode, document} = await run('queue', ['--show-queue']);
		expect(document.entries).toMatchObject([{remote: 'refused', branch: 'main', sha: tip}]);
		expect(exitCode).toBe(3);
	});

	it('--process-queue', async () => {
		const {document} = await run('operation', ['--process-queue']);
		expect(document.results).toMatchObject([{remote: 'refused', status: 'queued'}]);
	});

	it('--clear-queue', async () => {
		const {exitCode, document} = await run('queue', ['--clear-queue']);
		expect(document).toEqual({removed: 1, entries: []});
		expect(exitCode).toBe(0);
	});
});
