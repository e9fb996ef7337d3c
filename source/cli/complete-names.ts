import {loadConfig} from '../core/config/load.js';
import {listLocalBranches} from '../core/service/repo-info.js';
import type {CompleteKind} from './flags.js';

/**
 * The words a completion script offers after --remote, --group or --branch: read from the
 * repository's config and refs (never the network). Outside a repository, or with a broken
 * config, there is nothing to offer, and a TAB must never print an error into the prompt.
 */
export async function completeNames(kind: CompleteKind, cwd: string, env: NodeJS.ProcessEnv): Promise<string[]> {
	try {
		if (kind === 'branches') return await listLocalBranches(cwd);
		const config = await loadConfig({cwd, env});
		const names = kind === 'remotes' ? config.remotes.map(remote => remote.name) : config.remotes.flatMap(remote => (remote.group ? [remote.group] : []));
		return [...new Set(names)];
	} catch {
		return [];
	}
}
