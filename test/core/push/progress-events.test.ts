import {randomBytes} from 'node:crypto';
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {pushOne} from '../../../source/core/push/push-one.js';
import {git, makeBare, makeRepo, startGitDaemon, tempDir} from '../../harness/index.js';
import {isolateProductGit, recorder, remote, request, shaOf} from './helpers.js';

isolateProductGit();

describe('push progress (SPEC §5 phase and progress bar)', () => {
	it('reports connecting, counting, writing with bytes, then done, over git://', async () => {
		const served = tempDir('rst-daemon-');
		const bare = path.join(served, 'repo.git');
		mkdirSync(bare);
		makeBare(bare);
		const daemon = await startGitDaemon({basePath: served});
		const repo = makeRepo();
		git(repo, 'remote', 'add', 'origin', daemon.url('repo.git'));
		// Incompressible data, so "Writing objects" carries a real size.
		for (let index = 0; index < 3; index++) writeFileSync(path.join(repo, `blob-${index}.bin`), randomBytes(150_000));
		git(repo, 'add', '.');
		git(repo, 'commit', '-q', '-m', 'data');

		const record = recorder();
		const result = await pushOne(request(repo, remote('origin'), {record}));
		expect(result.status).toBe('pushed');
		expect(shaOf(bare, 'refs/heads/main')).toBe(shaOf(repo, 'main'));

		const phases = record.progress.map(progress => progress.phase);
		expect(phases[0]).toBe('connecting');
		expect(phases.at(-1)).toBe('done');
		expect(phases).toContain('counting');
		// Phases only move forward.
		const order = ['connecting', 'counting', 'compressing', 'writing', 'resolving', 'done'];
		const ranks = phases.map(phase => order.indexOf(phase));
		expect(ranks).toEqual([...ranks].sort((a, b) => a - b));

		const writing = record.progress.filter(progress => progress.phase === 'writing');
		expect(writing.length).toBeGreaterThan(0);
		expect(writing.at(-1)?.percent).toBe(100);
		expect(writing.at(-1)?.bytes).toBeGreaterThan(400_000);
		// The detail pane gets git's words, not hundreds of progress lines.
		expect(result.output).not.toMatch(/Writing objects/);
	});
});
