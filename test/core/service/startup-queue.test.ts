import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {QueueStore} from '../../../source/core/queue/queue-store.js';
import {addBareRemote, commit, git, makeRepo, startRefusingPort} from '../../harness/index.js';
import {isolateProductGit, serviceFor} from './helpers.js';

isolateProductGit();

describe('service: the first snapshot shows what is waiting', () => {
	it('carries the queue and each remote’s queue count before anything ran', async () => {
		const repo = makeRepo();
		addBareRemote(repo, 'origin');
		const away = await startRefusingPort();
		git(repo, 'remote', 'add', 'away', away.url);
		git(repo, 'branch', 'dev');
		const sha = commit(repo, 'queued earlier');
		const earlier = await QueueStore.open(repo);
		await earlier.enqueue({remote: 'away', branch: 'main', sha, error: 'unreachable'});
		await earlier.enqueue({remote: 'away', branch: 'dev', sha, error: 'unreachable'});

		const {service} = await serviceFor(repo, {config: {auto_fetch: false}});
		const snapshot = service.getSnapshot();
		expect(snapshot.queue.map(entry => `${entry.remote}/${entry.branch}`).sort()).toEqual(['away/dev', 'away/main']);
		expect(Object.fromEntries(snapshot.remotes.map(row => [row.name, row.queued]))).toEqual({away: 2, origin: 0});
	});

	it("puts the old tool's queue warning in the log, importing nothing", async () => {
		const repo = makeRepo();
		addBareRemote(repo, 'origin');
		const legacy = path.join(repo, '.remote-sync-queue.json');
		writeFileSync(legacy, JSON.stringify([{remote: 'origin', branch: 'main'}]));
		const {service} = await serviceFor(repo);
		const warnings = service.getSnapshot().log.filter(line => line.level === 'warn').map(line => line.text);
		expect(warnings).toEqual([expect.stringContaining(`found the old tool's queue ${legacy}: not imported`)]);
		expect(warnings[0]).toContain('--import-legacy-queue');
		expect(service.getSnapshot().queue).toEqual([]);
	});
});
