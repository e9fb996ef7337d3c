import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {loadConfig} from '../../source/core/config/load.js';
import {UsageError} from '../../source/core/errors.js';
import {initConfig, schemaFor, schemaReference} from '../../source/setup/init-config.js';
import {runCli} from '../cli/run-cli.js';
import {addBareRemote, makeRepo, tempDir} from '../harness/index.js';
import {compileSchema, schemaErrors} from './json-validator.js';

/** A repository with remotes added in an order that is not the priority order. */
function repoWithRemotes(): string {
	const repo = makeRepo();
	for (const name of ['zeta', 'origin', 'backup']) addBareRemote(repo, name, {push: []});
	return repo;
}

const isolated = {env: {}, userConfigDir: path.join('/nonexistent', 'rst-user-config')};

describe('remote-sync init', () => {
	it('writes .remotesyncrc.json from the remotes git knows: valid, origin first, safe defaults, and says what next', async () => {
		const repo = repoWithRemotes();
		const run = await runCli(['init'], {cwd: repo});
		expect(run.exitCode).toBe(0);
		expect(run.stdout).toContain('with 3 remote(s): origin, backup, zeta');
		expect(run.stdout).toMatch(/next: .*remote-sync --status/);

		const file = path.join(repo, '.remotesyncrc.json');
		const written = JSON.parse(readFileSync(file, 'utf8')) as {$schema: string; remotes: Record<string, {priority: number; force_push: string}>};
		expect(schemaErrors(compileSchema('schema/remotesyncrc.schema.json'), written)).toBe('');
		expect(written.$schema).toMatch(/remotesyncrc\.schema\.json$/);
		expect(Object.values(written.remotes).map(remote => remote.force_push)).toEqual(['block', 'block', 'block']);

		// And the program reads it back as it was meant: no warnings, priority order.
		const config = await loadConfig({cwd: repo, ...isolated});
		expect(config.warnings).toEqual([]);
		expect(config.remotes.map(remote => [remote.name, remote.priority, remote.forcePush])).toEqual([
			['origin', 1, 'block'],
			['backup', 2, 'block'],
			['zeta', 3, 'block'],
		]);
	});

	it('refuses to overwrite without --force, then overwrites with it', async () => {
		const repo = repoWithRemotes();
		const file = path.join(repo, '.remotesyncrc.json');
		expect((await runCli(['init'], {cwd: repo})).exitCode).toBe(0);
		const edited = '{"remotes": {"origin": {"priority": 9}}}\n';
		writeFileSync(file, edited);

		const again = await runCli(['init'], {cwd: repo});
		expect(again.exitCode).toBe(2);
		expect(again.stderr).toMatch(/\.remotesyncrc\.json already exists; edit it, or run remote-sync init --force to overwrite it/);
		expect(again.stderr).not.toMatch(/\n\s+at /);
		expect(readFileSync(file, 'utf8')).toBe(edited);

		addBareRemote(repo, 'later', {push: []});
		expect((await runCli(['init', '--force'], {cwd: repo})).exitCode).toBe(0);
		expect(Object.keys((JSON.parse(readFileSync(file, 'utf8')) as {remotes: object}).remotes)).toEqual(['origin', 'backup', 'later', 'zeta']);
	});

	it('writes at the work tree root from a subdirectory, and refuses when another config name is there', async () => {
		const repo = repoWithRemotes();
		const sub = path.join(repo, 'a', 'b');
		mkdirSync(sub, {recursive: true});
		writeFileSync(path.join(repo, '.remotesyncrc'), '{}\n');
		await expect(initConfig(sub, {force: false})).rejects.toThrow(UsageError);
		await expect(initConfig(sub, {force: false})).rejects.toThrow(/\.remotesyncrc already exists/);

		const result = await initConfig(sub, {force: true});
		expect(result.file).toBe(path.join(repo, '.remotesyncrc.json'));
		expect(existsSync(path.join(sub, '.remotesyncrc.json'))).toBe(false);
	});

	it('writes an empty remotes map when git has none yet', async () => {
		const result = await initConfig(makeRepo(), {force: false});
		expect(result.remotes).toEqual([]);
		expect((JSON.parse(readFileSync(result.file, 'utf8')) as {remotes: object}).remotes).toEqual({});
	});

	it('is one clear message outside a repository', async () => {
		const run = await runCli(['init'], {cwd: tempDir('rst-nogit-')});
		expect(run.exitCode).toBe(2);
		expect(run.stderr).toMatch(/not a git repository: .*; run inside a repository or pass --cwd/);
	});
});

describe('the $schema line init writes', () => {
	it('is relative to the repository when the schema lives inside it', () => {
		const root = '/home/me/project';
		expect(schemaFor(root, '/home/me/project/node_modules/remote-sync-tui/schema/remotesyncrc.schema.json')).toBe('./node_modules/remote-sync-tui/schema/remotesyncrc.schema.json');
		expect(schemaFor(root, '/home/me/project/schema/remotesyncrc.schema.json')).toBe('./schema/remotesyncrc.schema.json');
	});

	it('is the dependency path when remote-sync is installed elsewhere (never a machine-specific absolute path)', () => {
		expect(schemaFor('/home/me/project', '/usr/lib/node_modules/remote-sync-tui/schema/remotesyncrc.schema.json')).toBe(schemaReference);
	});

	it('points at a file that exists in this project', () => {
		const here = fileURLToPath(new URL('../../', import.meta.url));
		expect(existsSync(path.join(here, schemaFor(here)))).toBe(true);
	});
});
