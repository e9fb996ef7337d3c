import path from 'node:path';
import {readRemoteConfig, type Repository} from '../config/discover.js';
import {runGit} from '../git/runner.js';
import type {QueueLocation} from '../queue/location.js';
import {readRefs, type RefSnapshot} from '../status/refs.js';
import type {RemoteLayout} from '../status/refspecs.js';
import {currentBranch, type RepoInfo} from './repo-info.js';

/**
 * Everything the program needs to know about the repository before it can show or push
 * anything, in ONE round of three git processes that run at the same time: one `rev-parse`
 * (bare?, git dir, common dir, work tree), one `for-each-ref` (local branches, their tips, the
 * branch HEAD points at, every remote-tracking ref) and the remotes' URLs from the config. Only
 * when HEAD names no existing branch (detached, or unborn: a new repository) does a
 * `symbolic-ref` follow, to tell the two apart. Undefined outside a work tree (bare repository, .git directory, no
 * repository): the caller then takes the one-question-at-a-time path, whose errors say what to do.
 */
export type RepositoryReads = {
	info: RepoInfo;
	/** For loadConfig: the work tree and git's remotes. */
	repository: Repository;
	queue: QueueLocation;
	refs: RefSnapshot;
	/** Every remote's fetch refspecs, from the same `git config` as the urls: the first status's layout. */
	layout: RemoteLayout;
	localBranches: string[];
};

export async function readRepository(cwd: string): Promise<RepositoryReads | undefined> {
	const where = runGit({args: ['rev-parse', '--is-bare-repository', '--absolute-git-dir', '--path-format=absolute', '--git-common-dir', '--show-toplevel'], cwd});
	// With the tags: the first status compares them, and it is the same one process.
	const refs = readRefs(cwd, undefined, {tags: true});
	const remotes = readRemoteConfig(cwd);
	// All three settle before anything is decided: outside a repository the others fail too.
	await Promise.allSettled([where, refs, remotes]);
	const {exitCode, stdout} = await where;
	const [isBare, gitDir, commonDir, topLevel] = stdout.split('\n');
	if (exitCode !== 0 || isBare !== 'false' || !commonDir || !topLevel) return undefined;
	const snapshot = await refs;
	const remoteConfig = await remotes;
	const root = path.resolve(cwd, topLevel);
	return {
		info: {root, gitDir, commonDir: path.resolve(cwd, commonDir), name: path.basename(root).replace(/\.git$/, ''), bare: false, currentBranch: snapshot.head ?? (await currentBranch(cwd))},
		repository: {workTree: topLevel, remotes: remoteConfig.remotes},
		queue: {file: path.join(path.resolve(cwd, commonDir), 'remote-sync', 'queue.json'), workTreeRoot: root},
		refs: snapshot,
		layout: remoteConfig.layout,
		localBranches: [...snapshot.refs.keys()].filter(name => name.startsWith('refs/heads/')).map(name => name.slice('refs/heads/'.length)),
	};
}
