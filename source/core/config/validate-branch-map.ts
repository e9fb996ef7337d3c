import {ConfigError} from '../errors.js';
import {branchNameProblem} from '../git/branch-name.js';
import {formatKeyPath} from './key-path.js';
import {filePrefix, lastDefining, type SourcedLayer} from './layers.js';
import {mergeLayers} from './merge.js';
import type {ConfigLayer} from './schema.js';

/**
 * `branch_map` (SPEC §2) must be a one-to-one map of branch names: both sides valid by git's
 * check-ref-format rules (a hostile name must never become an option, a second refspec or a
 * glob), and no two local branches sent to one remote name (their pushes would overwrite
 * each other). Checked on the merged config, and on the user's own layers alone, because
 * that is the map that applies while a repo file's entries wait for trust.
 */
export function validateBranchMaps(merged: ConfigLayer, layers: readonly SourcedLayer[]): void {
	check(merged, layers);
	const own = layers.filter(layer => layer.kind !== 'repo');
	if (own.length < layers.length) check(mergeLayers(own.map(layer => layer.layer)), own);
}

function check(merged: ConfigLayer, layers: readonly SourcedLayer[]): void {
	for (const [name, remote] of Object.entries(merged.remotes ?? {})) {
		const locals = new Map<string, string>();
		for (const [local, target] of Object.entries(remote.branch_map ?? {})) {
			const keyPath = formatKeyPath(['remotes', name, 'branch_map', local]);
			const from = lastDefining(layers, layer => layer.remotes?.[name]?.branch_map?.[local] !== undefined);
			const fail = (problem: string) => {
				throw new ConfigError(`${filePrefix(from)}${keyPath}: ${problem}`, {file: from?.display, keyPath});
			};

			const localProblem = branchNameProblem(local);
			if (localProblem) fail(`${JSON.stringify(local)} is not a branch name (${localProblem}); the key is the local branch, e.g. "main"`);
			const targetProblem = branchNameProblem(target);
			if (targetProblem) fail(`${JSON.stringify(target)} is not a valid branch name (${targetProblem}); write the branch's name on ${name}, e.g. "master"`);
			const other = locals.get(target);
			if (other !== undefined) {
				fail(`${JSON.stringify(other)} and ${JSON.stringify(local)} both go to ${JSON.stringify(target)} on ${name}; one remote branch takes one local branch: map one of them elsewhere or remove it`);
			}

			locals.set(target, local);
		}
	}
}
