import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {addBareRemote, commit, git, makeRepo, onCleanup, startSilentSocket} from '../harness/index.js';
import {parseJson, runCli} from './run-cli.js';

describe('--status with a silent remote (SPEC §4: status never waits for the slowest remote)', () => {
	it('stops waiting after stall_timeout, reports the silent remote stale with its last known state, and the healthy one fresh', async () => {
		const repo = makeRepo();
		addBareRemote(repo, 'good');
		const silent = await startSilentSocket();
		onCleanup(silent.stop);
		git(repo, 'remote', 'add', 'hung', silent.url);
		git(repo, 'update-ref', 'refs/remotes/hung/main', 'main');
		commit(repo, 'not pushed anywhere');
		writeFileSync(path.join(repo, '.remotesyncrc.json'), JSON.stringify({stall_timeout: 2, remotes: {hung: {timeout: 120, retry: 0}}}));

		const run = await runCli(['--status', '--json'], {cwd: repo, timeoutMs: 100_000});
		const document = parseJson<{remotes: Array<{name: string; state: string; stale: boolean; fetchedAt: string | null; fetchError?: {class: string; message: string}}>}>(run);
		const byName = new Map(document.remotes.map(remote => [remote.name, remote]));
		expect(byName.get('good')).toMatchObject({state: 'ahead', stale: false});
		expect(byName.get('good')!.fetchError).toBeUndefined();
		expect(byName.get('hung')).toMatchObject({state: 'ahead', stale: true, fetchError: {class: 'timeout', message: expect.stringContaining('no answer for 2 s')}});
		// Its refs came from an earlier fetch: their age is known.
		expect(byName.get('hung')!.fetchedAt).not.toBeNull();
	});
});
