import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {hooksDirectory} from '../../source/setup/install-hook.js';
import {initConfig} from '../../source/setup/init-config.js';
import {localGit, localGitEnvironment} from '../../source/setup/local-git.js';
import {addBareRemote, commit, git, makeRepo, tempDir} from '../harness/index.js';

describe('simple-git for local work (setup/local-git.ts)', () => {
	const saved = {...process.env};
	afterEach(() => {
		for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
		Object.assign(process.env, saved);
	});

	it('runs in the directory given, never in a repository GIT_DIR points at', async () => {
		const mine = makeRepo();
		commit(mine, 'mine');
		const other = makeRepo();
		commit(other, 'other');
		process.env.GIT_DIR = path.join(other, '.git');
		const head = (await localGit(mine).revparse(['HEAD'])).trim();
		expect(head).toBe(git(mine, 'rev-parse', 'HEAD'));
	});

	it('carries no askpass, ssh or editor setting, yet keeps the non-interactive marks', () => {
		const env = localGitEnvironment({PATH: '/usr/bin', GIT_SSH_COMMAND: 'ssh -i key', EDITOR: 'vim', GIT_CONFIG_GLOBAL: '/x/gitconfig'});
		expect(env.GIT_ASKPASS).toBeUndefined();
		expect(env.GIT_SSH_COMMAND).toBeUndefined();
		expect(env.EDITOR).toBeUndefined();
		expect(env.GIT_TERMINAL_PROMPT).toBe('0');
		expect(env.GIT_CONFIG_GLOBAL).toBe('/x/gitconfig');
	});

	it('the hook installer finds core.hooksPath set in the user\'s global config (GIT_CONFIG_GLOBAL applies)', async () => {
		const repo = makeRepo();
		const globalConfig = path.join(tempDir('rst-global-'), 'gitconfig');
		writeFileSync(globalConfig, '[core]\n\thooksPath = .githooks\n');
		process.env.GIT_CONFIG_GLOBAL = globalConfig;
		expect(await hooksDirectory(repo)).toBe(path.join(repo, '.githooks'));
	});

	it('init lists the remotes git knows, names with dots and dashes included, origin first', async () => {
		const repo = makeRepo();
		commit(repo, 'one');
		addBareRemote(repo, 'mirror.v2-old');
		addBareRemote(repo, 'origin');
		const result = await initConfig(repo, {force: false});
		expect(result.remotes).toEqual(['origin', 'mirror.v2-old']);
	});
});
