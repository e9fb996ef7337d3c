import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {QueueStore} from '../../source/core/queue/queue-store.js';
import {installHook} from '../../source/setup/install-hook.js';
import {cliPath, runCli} from '../cli/run-cli.js';
import {addBareRemote, buildFleet, commit, git, makeRepo, tempDir} from '../harness/index.js';
import {commitHooked, gitHooked, hookFiles, readPreCommitManifest, writeScript} from './hook-helpers.js';

/** What `remote-sync install-hook` records: this node running the built program. */
const program = [process.execPath, cliPath];
/** Retries of the refused remote cost milliseconds, not seconds. */
const fastRetries = JSON.stringify({retry_base_delay: 0.01, retry_max_delay: 0.02});
/** A user hook must find the repository it names, not the one git exported to the hook. */
const plainGit = 'unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE';
const lines = (file: string) => readFileSync(file, 'utf8').trim().split('\n');

describe('post-commit hook, in real commits', () => {
	it('pushes every commit to all remotes and queues the unreachable one; the user\'s own hook still runs, first', async () => {
		const fleet = await buildFleet(['local', 'refused']);
		writeFileSync(path.join(fleet.repo, '.remotesyncrc.json'), fastRetries);
		const bare = fleet.remotes.local!.bare!;
		const before = git(bare, 'rev-parse', 'main');
		// The user's hook notes what the remote holds when it runs: still the old tip means "first".
		const seen = path.join(tempDir('rst-marker-'), 'user-hook.log');
		writeScript(path.join(fleet.repo, '.git', 'hooks', 'post-commit'), `${plainGit}\ngit -C '${bare}' rev-parse main >> '${seen}'`);
		await installHook(fleet.repo, 'post-commit', program);

		commitHooked(fleet.repo, 'synced by the hook');
		const tip = git(fleet.repo, 'rev-parse', 'HEAD');
		expect(lines(seen)).toEqual([before]);
		expect(git(bare, 'rev-parse', 'main')).toBe(tip);
		const queue = await (await QueueStore.open(fleet.repo)).list();
		expect(queue).toMatchObject([{remote: 'refused', branch: 'main', sha: tip}]);
	});
});

describe('pre-push hook, in real pushes', () => {
	it('pushing to one remote brings the others the same branch, without recursing', async () => {
		const repo = makeRepo();
		const bares = Object.fromEntries(['origin', 'mirror-a', 'mirror-b'].map(name => [name, addBareRemote(repo, name)]));
		// Every pre-push run, ours and the nested ones, passes through the user's hook: count them.
		const seen = path.join(tempDir('rst-marker-'), 'pushes.log');
		writeScript(path.join(repo, '.git', 'hooks', 'pre-push'), `cat >/dev/null\necho "$1" >> '${seen}'`);
		await installHook(repo, 'pre-push', program);

		const tip = commit(repo, 'to every remote');
		gitHooked(repo, 'push', '-q', 'origin', 'main');
		for (const bare of Object.values(bares)) expect(git(bare, 'rev-parse', 'main')).toBe(tip);
		// Once per remote: git's own push to origin, one nested push per mirror, none for origin again.
		expect(lines(seen).sort()).toEqual(['mirror-a', 'mirror-b', 'origin']);

		// The branch being pushed is the one synced, not whatever is checked out.
		git(repo, 'branch', 'feature');
		commit(repo, 'main moves on, unpushed');
		gitHooked(repo, 'push', '-q', 'origin', 'feature');
		for (const name of ['mirror-a', 'mirror-b']) {
			expect(git(bares[name]!, 'rev-parse', 'feature')).toBe(tip);
			expect(git(bares[name]!, 'rev-parse', 'main')).toBe(tip);
		}

		expect(lines(seen)).toHaveLength(6);
	});
});

describe('pre-push hooks and remote-sync\'s own pushes', () => {
	/** origin plus two mirrors, and a pre-push hook that logs each run's remote before `then`. */
	async function repoWithLoggedPrePush(then: string) {
		const repo = makeRepo();
		const bares = Object.fromEntries(['origin', 'mirror-a', 'mirror-b'].map(name => [name, addBareRemote(repo, name)]));
		const seen = path.join(tempDir('rst-marker-'), 'pushes.log');
		writeScript(path.join(repo, '.git', 'hooks', 'pre-push'), `cat >/dev/null\necho "$1" >> '${seen}'\n${then}`);
		return {repo, bares, seen};
	}

	it('remote-sync --push with our hook installed pushes each remote once, no sync inside the sync', async () => {
		const {repo, bares, seen} = await repoWithLoggedPrePush('');
		await installHook(repo, 'pre-push', program);
		const tip = commit(repo, 'pushed by remote-sync');
		const run = await runCli(['--push', '--json'], {cwd: repo});
		expect(run.exitCode).toBe(0);
		for (const bare of Object.values(bares)) expect(git(bare, 'rev-parse', 'main')).toBe(tip);
		expect(lines(seen).sort()).toEqual(['mirror-a', 'mirror-b', 'origin']);
	});

	it('the pre-commit framework\'s way (`remote-sync --push --quiet` as the whole hook) syncs without recursing', async () => {
		// What pre-commit's pre-push shim amounts to for the entry in .pre-commit-hooks.yaml.
		const [hook] = readPreCommitManifest(fileURLToPath(new URL('../../.pre-commit-hooks.yaml', import.meta.url)));
		const args = String(hook!.entry).split(' ').slice(1);
		const entry = [...program, ...args].map(part => `'${part}'`).join(' ');
		const {repo, bares, seen} = await repoWithLoggedPrePush(`PRE_COMMIT_REMOTE_NAME="$1" exec ${entry} </dev/null`);
		const tip = commit(repo, 'pushed through pre-commit');
		gitHooked(repo, 'push', '-q', 'origin', 'main');
		for (const bare of Object.values(bares)) expect(git(bare, 'rev-parse', 'main')).toBe(tip);
		expect(lines(seen).sort()).toEqual(['mirror-a', 'mirror-b', 'origin']);
	});
});

describe('remote-sync install-hook / uninstall-hook with core.hooksPath', () => {
	it('installs where git looks, once, syncs commits from there, and uninstalls cleanly', async () => {
		const repo = makeRepo();
		const bare = addBareRemote(repo, 'backup');
		git(repo, 'config', 'core.hooksPath', '.githooks');
		const sub = path.join(repo, 'docs');
		mkdirSync(sub);
		const hook = path.join(repo, '.githooks', 'post-commit');

		const first = await runCli(['install-hook', '--post-commit'], {cwd: sub});
		expect(first.stdout).toContain(`post-commit hook installed: ${hook}`);
		const bytes = readFileSync(hook);
		const second = await runCli(['install-hook', '--post-commit'], {cwd: sub});
		expect(second.stdout).toMatch(/already installed \(unchanged\)/);
		expect(readFileSync(hook)).toEqual(bytes);
		expect(hookFiles(path.join(repo, '.git', 'hooks'))).toEqual([]);

		commitHooked(repo, 'through core.hooksPath');
		expect(git(bare, 'rev-parse', 'main')).toBe(git(repo, 'rev-parse', 'HEAD'));

		const removed = await runCli(['uninstall-hook'], {cwd: repo});
		expect(removed.exitCode).toBe(0);
		expect(removed.stdout).toContain(`post-commit hook removed: ${hook}`);
		expect(hookFiles(path.join(repo, '.githooks'))).toEqual([]);
	});
});
