import type {ResolvedRemote} from '../../../source/core/config/schema.js';
import type {GitOutput} from '../../../source/core/git/runner.js';
import type {Progress} from '../../../source/core/model.js';
import type {PushRequest} from '../../../source/core/push/push-request.js';
import {git} from '../../harness/index.js';
import {resolvedRemote} from '../../harness/product-env.js';

/** A ResolvedRemote with defaults; push tests fail fast (no retries, short timeout) unless they ask. */
export function remote(name: string, overrides: Partial<ResolvedRemote> = {}): ResolvedRemote {
	return resolvedRemote(name, {retry: 0, timeoutSeconds: 20, ...overrides});
}

export {isolateProductGit} from '../../harness/product-env.js';

/** What a request saw: every git command and every progress event. */
export type Recorder = {commands: GitOutput[]; progress: Progress[]; argvs(): string[][]};

export function recorder(): Recorder {
	const commands: GitOutput[] = [];
	const progress: Progress[] = [];
	return {commands, progress, argvs: () => commands.map(command => command.argv)};
}

export function request(cwd: string, target: ResolvedRemote, overrides: Partial<PushRequest> & {record?: Recorder} = {}): PushRequest {
	const {record, ...rest} = overrides;
	return {
		cwd,
		remote: target,
		branch: 'main',
		localSha: git(cwd, 'rev-parse', 'main'),
		force: false,
		dryRun: false,
		retryBaseDelaySeconds: 0.01,
		retryMaxDelaySeconds: 0.05,
		onCommand: record ? output => record.commands.push(output) : undefined,
		onProgress: record ? progress => record.progress.push(progress) : undefined,
		...rest,
	};
}

/**
 * Someone else pushes a commit to `bare`'s `branch`: the work repo has never seen it.
 * Written straight into the bare repository (commit-tree + update-ref): two processes, where
 * a clone, commit and push take a dozen.
 */
export function pushFromElsewhere(bare: string, message: string, branch = 'main'): string {
	const ref = `refs/heads/${branch}`;
	const sha = git(bare, 'commit-tree', `${ref}^{tree}`, '-p', ref, '-m', message);
	git(bare, 'update-ref', ref, sha);
	return sha;
}

/** Every ref of a repository with its sha: equal before and after means nothing changed. */
export function refsOf(repo: string): string {
	return git(repo, 'for-each-ref', '--format=%(refname) %(objectname)');
}

export function shaOf(repo: string, ref: string): string {
	return git(repo, 'rev-parse', '--verify', '-q', ref);
}
