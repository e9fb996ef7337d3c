import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {commit, git, makeBare, makeRepo} from '../harness/index.js';
import {parseJson, runCli} from './run-cli.js';

const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');

describe('a new user following the README', () => {
	it('the first lines give the two commands: install + demo, and the tests', () => {
		const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
		expect(firstBlock).toMatch(/^npm ci && npm run demo\b/m);
		expect(firstBlock).toMatch(/^npm test\b/m);
		const scripts = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')).scripts as Record<string, string>;
		expect(scripts.demo).toContain('--demo');
		expect(scripts.test).toContain('vitest run');
	});

	it('gets from nothing to a repository synced to two remotes with the commands the README shows', async () => {
		const repo = makeRepo();
		const github = makeBare();
		const backup = makeBare();
		git(repo, 'remote', 'add', 'origin', github);
		git(repo, 'remote', 'add', 'backup', backup);
		for (const command of ['remote-sync init', 'remote-sync --status', 'remote-sync --push']) expect(readme).toContain(command);

		const init = await runCli(['init'], {cwd: repo});
		expect(init.exitCode).toBe(0);
		expect(init.stdout).toMatch(/2 remote\(s\): origin, backup/);
		const config = JSON.parse(readFileSync(path.join(repo, '.remotesyncrc.json'), 'utf8')) as {remotes: Record<string, {priority: number}>};
		expect(Object.keys(config.remotes)).toEqual(['origin', 'backup']);

		const sha = commit(repo, 'first real work');
		const push = await runCli(['--push', '--json'], {cwd: repo});
		expect(push.exitCode).toBe(0);
		expect(parseJson<{summary: {succeeded: number}}>(push).summary.succeeded).toBe(2);
		for (const bare of [github, backup]) expect(git(bare, 'rev-parse', 'main')).toBe(sha);

		const status = parseJson<{remotes: Array<{state: string}>}>(await runCli(['--status', '--json'], {cwd: repo}));
		expect(status.remotes.map(remote => remote.state)).toEqual(['in-sync', 'in-sync']);
	});
});
