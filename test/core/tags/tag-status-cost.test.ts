import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {gitSpawnCount} from '../../../source/core/git/runner.js';
import {computeStatus} from '../../../source/core/status/compute-status.js';
import {remoteTagsPrefix} from '../../../source/core/tags/private-refs.js';
import {git, makeRepo} from '../../harness/index.js';
import {isolateProductGit, remote, updateRefs} from '../status/helpers.js';

isolateProductGit();

describe('tag status stays cheap (bench/status.mjs)', () => {
	it('costs the same git processes for 2 remotes and for 20, whatever their tags', async () => {
		const spawnsFor = async (count: number) => {
			const repo = makeRepo();
			const head = git(repo, 'rev-parse', 'HEAD');
			for (let t = 0; t < 30; t++) git(repo, 'tag', ...(t % 2 === 0 ? ['-a', '-m', `t${t}`] : []), `v${t}`);
			const names = Array.from({length: count}, (_, r) => `mirror/${r}`);
			const updates: Record<string, string> = {};
			for (const name of names) for (let t = 0; t < 30; t += 3) updates[`${remoteTagsPrefix(name)}v${t}`] = head;
			updateRefs(repo, updates);
			const seen = Object.fromEntries(names.map(name => [name, '2025-01-01T00:00:00.000Z']));
			mkdirSync(path.join(repo, '.git', 'remote-sync'), {recursive: true});
			writeFileSync(path.join(repo, '.git', 'remote-sync', 'tags-seen.json'), JSON.stringify(seen));
			const remotes = names.map((name, r) => remote(name, {inGit: false, url: `/srv/${r}.git`, tags: r % 3 === 0 ? 'all' : 'follow'}));
			const before = gitSpawnCount();
			const report = await computeStatus({cwd: repo, branch: 'main', remotes});
			expect(report.remotes.every(row => row.tags !== undefined)).toBe(true);
			return gitSpawnCount() - before;
		};

		const few = await spawnsFor(2);
		expect(await spawnsFor(20)).toBe(few);
		// for-each-ref (refs and tags), config, rev-parse, merge-base, rev-list, for-each-ref --merged.
		expect(few).toBeLessThanOrEqual(6);
	});
});
