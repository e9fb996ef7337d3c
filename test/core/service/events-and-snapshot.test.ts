import {describe, expect, it} from 'vitest';
import type {SyncEvent} from '../../../source/core/events.js';
import {addBareRemote, commit, git, makeRepo} from '../../harness/index.js';
import {byOperation, isolateProductGit, record, serviceFor} from './helpers.js';

isolateProductGit();

/** started → phase… → result? → finished, nothing else of its own in between. */
function expectLifecycle(events: SyncEvent[], {withResult}: {withResult: boolean}): void {
	const types = events.map(event => event.type).filter(type => type !== 'command' && type !== 'health');
	expect(types[0]).toBe('operation-started');
	expect(types.at(-1)).toBe('operation-finished');
	const middle = types.slice(1, -1);
	if (withResult) expect(middle.at(-1)).toBe('result');
	const phases = withResult ? middle.slice(0, -1) : middle;
	expect(phases.filter(type => type !== 'phase')).toEqual([]);
}

describe('SyncService: events and snapshot of each operation', () => {
	it('push: each remote gets started → phases → result → finished, and its row goes activity → lastResult', async () => {
		const repo = makeRepo();
		const one = addBareRemote(repo, 'one');
		const two = addBareRemote(repo, 'two');
		const {service} = await serviceFor(repo, {config: {remotes: {one: {priority: 1}, two: {priority: 2}}}});
		const sha = commit(repo, 'work');
		const recording = record(service);

		const outcome = await service.push({});

		expect(outcome.results.map(result => [result.remote, result.status])).toEqual([
			['one', 'pushed'],
			['two', 'pushed'],
		]);
		expect(git(one, 'rev-parse', 'main')).toBe(sha);
		expect(git(two, 'rev-parse', 'main')).toBe(sha);

		const operations = [...byOperation(recording.events).values()];
		expect(operations).toHaveLength(2);
		for (const events of operations) {
			expectLifecycle(events, {withResult: true});
			const phases = events.flatMap(event => (event.type === 'phase' ? [event.progress.phase] : []));
			expect(phases[0]).toBe('connecting');
			expect(phases.at(-1)).toBe('done');
		}

		// The row shows the work while it runs, then only its outcome.
		for (const name of ['one', 'two']) {
			const rows = recording.snapshots.map(snapshot => snapshot.remotes.find(row => row.name === name)!);
			const firstBusy = rows.findIndex(row => row.activity?.kind === 'push');
			const firstDone = rows.findIndex(row => row.lastResult !== undefined);
			expect(firstBusy).toBeGreaterThanOrEqual(0);
			expect(firstDone).toBeGreaterThan(firstBusy);
			expect(rows[firstDone]!.activity).toBeUndefined();
			expect(rows.at(-1)).toMatchObject({activity: undefined, lastResult: {kind: 'push', status: 'pushed', sha}});
		}

		expect(Math.max(...recording.snapshots.map(snapshot => snapshot.running))).toBeGreaterThan(0);
		expect(service.getSnapshot().running).toBe(0);
		// push() refreshes status afterwards (from refs, no fetch): the rows now say in-sync.
		expect(service.getSnapshot().remotes.map(row => row.status?.state)).toEqual(['in-sync', 'in-sync']);
	});

	it('fetch and health: the same lifecycle per remote; running returns to 0', async () => {
		const repo = makeRepo();
		addBareRemote(repo, 'one');
		addBareRemote(repo, 'two');
		const {service} = await serviceFor(repo);
		const recording = record(service);

		const fetched = await service.fetch({});
		expect(fetched.results.map(result => [result.remote, result.status])).toEqual([
			['one', 'up-to-date'],
			['two', 'up-to-date'],
		]);
		const health = await service.healthCheck({});
		expect(health.map(result => [result.name, result.reachable])).toEqual([
			['one', true],
			['two', true],
		]);

		const operations = [...byOperation(recording.events).values()];
		const kinds = operations.map(events => (events[0]?.type === 'operation-started' ? events[0].kind : 'none'));
		expect(kinds.sort()).toEqual(['fetch', 'fetch', 'health', 'health']);
		for (const events of operations) {
			const kind = events[0]?.type === 'operation-started' ? events[0].kind : undefined;
			expectLifecycle(events, {withResult: kind === 'fetch'});
			if (kind === 'health') expect(events.some(event => event.type === 'health' && event.result.reachable)).toBe(true);
		}

		expect(service.getSnapshot().running).toBe(0);
		expect(service.getSnapshot().remotes.map(row => row.health?.class)).toEqual(['reachable', 'reachable']);
		expect(service.getSnapshot().remotes.every(row => row.activity === undefined)).toBe(true);
	});

	it('a failed remote still finishes its operation and leaves running at 0', async () => {
		const repo = makeRepo();
		git(repo, 'remote', 'add', 'gone', `${repo}/no-such-remote.git`);
		const {service} = await serviceFor(repo, {config: {offline_queue: false, remotes: {gone: {retry: 0}}}});
		const recording = record(service);
		const outcome = await service.push({});
		expect(outcome.results[0]).toMatchObject({remote: 'gone', status: 'failed'});
		const [events] = [...byOperation(recording.events).values()];
		expectLifecycle(events!, {withResult: true});
		expect(service.getSnapshot().running).toBe(0);
		expect(service.getSnapshot().remotes[0]).toMatchObject({activity: undefined, lastResult: {status: 'failed'}});
	});
});
