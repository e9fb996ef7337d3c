import {existsSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {UsageError} from '../core/errors.js';
import {listGitRemotes, findWorkTree} from '../core/config/discover.js';
import {repoConfigNames} from '../core/config/locate.js';

export const schemaReference = './node_modules/remote-sync-tui/schema/remotesyncrc.schema.json';

/** Writes `.remotesyncrc.json` from the remotes git knows, with safe defaults. */
export async function initConfig(cwd: string, options: {force: boolean}): Promise<{file: string; remotes: string[]}> {
	const root = await findWorkTree(cwd);
	const existing = repoConfigNames.map(name => path.join(root, name)).find(file => existsSync(file));
	if (existing && !options.force) {
		throw new UsageError(`${path.relative(cwd, existing) || existing} already exists; edit it, or run remote-sync init --force to overwrite it`);
	}

	const gitRemotes = await listGitRemotes(root);
	const names = [...gitRemotes.keys()].sort((a, b) => (a === 'origin' ? -1 : b === 'origin' ? 1 : a.localeCompare(b)));
	const remotes = Object.fromEntries(names.map((name, index) => [name, {priority: index + 1, branches: ['*'], force_push: 'block'}]));
	const config = {
		$schema: schemaReference,
		remotes,
		parallel: true,
		max_workers: 4,
		offline_queue: true,
		health_check_timeout: 5,
		auto_fetch: true,
	};
	const file = path.join(root, '.remotesyncrc.json');
	writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
	return {file, remotes: names};
}
