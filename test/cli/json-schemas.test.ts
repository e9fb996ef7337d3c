import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {healthDocument, operationDocument, queueDocument, statusDocument} from '../../source/report/json.js';
import {addBareRemote, buildFleet, commit, forSuite, git, makeRepo, type Fleet} from '../harness/index.js';
import {compileOutputSchema, compileSchema, outputDocuments, schemaErrors, type OutputDocument} from '../setup/json-validator.js';
import {parseJson, runCli} from './run-cli.js';

const validators = Object.fromEntries(outputDocuments.map(name => [name, compileOutputSchema(name)])) as Record<OutputDocument, ReturnType<typeof compileOutputSchema>>;
type Kind = OutputDocument;

describe('the published output schemas and the documents json.ts builds', () => {
	it('accept every optional field json.ts can add, filled in, and nothing json.ts does not publish', () => {
		const sha = 'a'.repeat(40);
		const status = statusDocument({
			branch: 'main',
			local: sha,
			remotes: [
				{remote: 'o', url: 'u', priority: -1, branch: 'main', remoteBranch: 'master', state: 'diverged', ahead: 1, behind: 2, local: sha, remoteSha: 'b'.repeat(40), vpn: 'corp', fetchedAt: new Date(0).toISOString(), fetchError: {class: 'timeout', message: 'm', detail: 'd', hint: 'h'}, stale: true, untrusted: 'run remote-sync trust', unknownReason: 'never-fetched', tags: {missing: 2, differ: ['v1.0']}},
			],
			divergence: [{branch: 'main', remotes: ['o', 'p']}],
			queue: {pending: 2},
		});
		const operation = operationDocument(
			{
				results: [
					{remote: 'o', branch: 'main', remoteBranch: 'master', status: 'would-force', durationMs: 1.5, attempts: 0, error: 'e', errorClass: 'rejected', vpn: 'corp', message: 'm', sha, wouldLose: ['abc1234 subject'], tags: ['v1.1'], remoteSha: sha, output: 'raw git output stays out of JSON'},
					{remote: 'o', branch: 'main', tag: 'v1.0', status: 'blocked', durationMs: 0, attempts: 1, sha, remoteSha: 'b'.repeat(40)},
				],
				summary: {succeeded: 0, failed: 0, blocked: 0, skipped: 0, queued: 0},
				notes: ['no remote takes branch x'],
			},
			{vpnCommands: ['vpn up']},
		);
		const health = healthDocument([{name: 'o', url: 'u', reachable: false, class: 'vpn-down', latencyMs: 0, error: 'e', vpn: 'corp'}]);
		const entries = [{remote: 'o', branch: 'main', remoteBranch: 'master', sha, attempts: 1, lastError: 'e', queuedAt: new Date(0).toISOString(), lastAttemptAt: new Date(1).toISOString()}];
		const cleared = queueDocument(entries, {removed: 1});
		const imported = queueDocument(entries, {from: '/r/.remote-sync-queue.json', renamedTo: null, imported: 1, skipped: 0, notes: ['imported 1']});
		for (const [kind, document] of [['status', status], ['operation', operation], ['health', health], ['queue', cleared], ['queue', imported]] as const) expect(schemaErrors(validators[kind], document), kind).toBe('');
		// Absent optional fields are left out, not written as undefined or null.
		expect(Object.keys(healthDocument([{name: 'o', reachable: true, class: 'reachable', latencyMs: 1}]).remotes[0]!)).toEqual(['name', 'url', 'reachable', 'class', 'latencyMs']);
	});

	it('a field a later version adds passes the published schema; our tests, on the closed copy, refuse it', () => {
		const good = {remotes: [{name: 'o', url: null, reachable: true, class: 'reachable', latencyMs: 3}]};
		const later = {remotes: [{...good.remotes[0], addedLater: 1}], alsoLater: true};
		expect(schemaErrors(compileSchema('schema/output/health.schema.json'), later)).toBe('');
		expect(schemaErrors(validators.health, good)).toBe('');
		expect(schemaErrors(validators.health, later)).toMatch(/additional properties.*addedLater[\s\S]*alsoLater|additional properties.*alsoLater[\s\S]*addedLater/);
	});

	it('reject what a script could not rely on: unknown states, missing fields, malformed shas and times', () => {
		const published = Object.fromEntries(outputDocuments.map(name => [name, compileSchema(`schema/output/${name}.schema.json`)])) as typeof validators;
		expect(schemaErrors(published.health, {remotes: [{name: 'o', url: null, reachable: true, class: 'fine', latencyMs: 3}]})).toMatch(/allowed values/);
		expect(schemaErrors(published.operation, {results: [], summary: {succeeded: 0, failed: 0, blocked: 0, skipped: 0}})).toMatch(/queued/);
		expect(schemaErrors(published.queue, {entries: [{remote: 'o', branch: 'main', sha: 'HEAD', attempts: 1, lastError: '', queuedAt: 'yesterday'}]})).toMatch(/pattern[\s\S]*date-time/);
		expect(schemaErrors(published.status, {branch: 'main', remotes: [], divergence: [{branch: 'main', remotes: ['a']}], queue: {pending: 0}})).toMatch(/fewer than 2/);
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

	it('--import-legacy-queue', async () => {
		const legacy = path.join(fleet.repo, '.remote-sync-queue.json');
		writeFileSync(legacy, JSON.stringify([{remote: 'refused', branch: 'main', sha: tip}]));
		const {exitCode, document} = await run('queue', ['--import-legacy-queue']);
		expect(document).toMatchObject({from: legacy, renamedTo: `${legacy}.imported`, imported: 1, skipped: 0, entries: [{remote: 'refused', branch: 'main', sha: tip}]});
		expect(exitCode).toBe(0);
	});
});

describe('remote-sync --show-queue --json from a queue file edited by hand', () => {
	it('prints each time in the published form (ISO 8601, UTC), whatever form the file holds', async () => {
		const repo = makeRepo();
		addBareRemote(repo, 'origin');
		const sha = commit(repo, 'queued');
		const file = path.join(repo, '.git', 'remote-sync', 'queue.json');
		mkdirSync(path.dirname(file), {recursive: true});
		const entry = {remote: 'origin', branch: 'main', sha, attempts: 1, lastError: 'unreachable', queuedAt: '2024-01-01 10:00:00+02:00', lastAttemptAt: 'Mon, 01 Jan 2024 09:00:00 GMT'};
		writeFileSync(file, JSON.stringify({version: 1, entries: [entry]}));
		const result = await runCli(['--show-queue', '--json'], {cwd: repo});
		const document = parseJson(result);
		expect(schemaErrors(validators.queue, document), result.stdout).toBe('');
		expect(document.entries).toMatchObject([{sha, queuedAt: '2024-01-01T08:00:00.000Z'}]);
	});
});
