import {existsSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {EnvironmentError, UsageError} from '../core/errors.js';
import {findWorkTree} from '../core/config/discover.js';
import {repoConfigNames} from '../core/config/locate.js';
import {localGit} from './local-git.js';

/** Where the schema is when remote-sync-tui is a dependency of the repository. */
export const schemaReference = './node_modules/remote-sync-tui/schema/remotesyncrc.schema.json';

/** This installation's schema file (dist/setup/ → schema/). */
const installedSchema = fileURLToPath(new URL('../../schema/remotesyncrc.schema.json', import.meta.url));

/**
 * The `$schema` line: relative to the repository when this installation lives inside it
 * (a dependency, or this project itself), so the committed file works on every machine.
 */
export function schemaFor(root: string, schemaFile = installedSchema): string {
	const relative = path.relative(root, schemaFile);
	if (relative.startsWith('..') || path.isAbsolute(relative)) return schemaReference;
	return `./${relative.split(path.sep).join('/')}`;
}

/** origin first (it is what most people mean by "the" remote), then by name. */
export function orderRemotes(names: Iterable<string>): string[] {
	return [...names].sort((a, b) => (a === 'origin' ? -1 : b === 'origin' ? 1 : a.localeCompare(b)));
}

/** The file `init` writes: every remote, in priority order, with the safe defaults spelled out. */
export function initialConfig(names: readonly string[], schema: string) {
	const remotes = Object.fromEntries(names.map((name, index) => [name, {priority: index + 1, branches: ['*'], force_push: 'block'}]));
	return {
		$schema: schema,
		remotes,
		parallel: true,
		max_workers: 4,
		offline_queue: true,
		health_check_timeout: 5,
		auto_fetch: true,
	};
}

/** The remotes git knows, by name (`git remote`: one per line, any characters a name may hold). */
async function remoteNames(root: string): Promise<string[]> {
	try {
		return (await localGit(root).getRemotes()).map(remote => remote.name).filter(name => name.length > 0);
	} catch (error) {
		throw new EnvironmentError(`cannot list git remotes in ${root}: ${error instanceof Error ? error.message.trim() : String(error)}; run "git remote -v" to see the problem`);
	}
}

export type InitResult = {file: string; remotes: string[]; schema: string};

/** Writes `.remotesyncrc.json` at the work tree root from the remotes git knows. */
export async function initConfig(cwd: string, options: {force: boolean}): Promise<InitResult> {
	const root = await findWorkTree(cwd);
	const existing = repoConfigNames.map(name => path.join(root, name)).find(file => existsSync(file));
	const file = path.join(root, '.remotesyncrc.json');
	const refusal = (found: string) => new UsageError(`${path.relative(cwd, found) || found} already exists; edit it, or run remote-sync init --force to overwrite it`);
	if (existing && !options.force) throw refusal(existing);

	const names = orderRemotes(await remoteNames(root));
	const schema = schemaFor(root);
	try {
		// 'wx' without --force: a file that appeared meanwhile is still never overwritten.
		writeFileSync(file, `${JSON.stringify(initialConfig(names, schema), null, 2)}\n`, {flag: options.force ? 'w' : 'wx'});
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'EEXIST') throw refusal(file);
		throw new EnvironmentError(`cannot write ${file} (${code ?? String(error)}); check the directory's permissions`);
	}

	return {file, remotes: names, schema};
}
