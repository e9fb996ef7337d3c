import {describe, expect, it} from 'vitest';
import {gitSpawnCount} from '../../../source/core/git/runner.js';
import type {SyncService} from '../../../source/core/sync-service.js';
import {git} from '../../harness/index.js';
import {dashboardService, fetchedLongAgo, isolateProductGit} from './helpers.js';

isolateProductGit();

const states = (service: SyncService) => service.getSnapshot().remotes.map(row => [row.name, row.status?.state]);

describe('the dashboard\'s first state (SPEC §5: rows from tracking refs first)', () => {
	it('comes from what start-up read: HEAD, branches and refs are not read again', async () => {
		const repo = fetchedLongAgo();
		const service = await dashboardService(repo);
		const before = gitSpawnCount();
		await service.readStartupState();
		const startupSpawns = gitSpawnCount() - before;

		expect(states(service)).toEqual([
			['forked', 'diverged'],
			['new', 'behind'],
			['old', 'ahead'],
			['same', 'in-sync'],
		]);
		expect(service.getSnapshot().repo.localSha).toBe(git(repo, 'rev-parse', 'main'));
		// The refspecs (git config), merge-base and rev-list: nothing start-up already knew.
		expect(startupSpawns).toBe(3);

		const again = gitSpawnCount();
		await service.refreshStatus({fetch: false});
		// A later read asks git everything again (HEAD, branches, refs, git dirs as well).
		expect(gitSpawnCount() - again).toBe(startupSpawns + 4);
	});

	it('is read once: any later read sees refs that moved after start-up', async () => {
		const repo = fetchedLongAgo();
		const service = await dashboardService(repo);
		await service.readStartupState();
		git(repo, 'update-ref', 'refs/remotes/old/main', 'main');
		await service.refreshStatus({fetch: false});
		expect(states(service)).toContainEqual(['old', 'in-sync']);
	});
});
