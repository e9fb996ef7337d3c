import {execFileSync} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {gitEnv} from '../../harness/index.js';

export {resolvedRemote as remote} from '../../harness/product-env.js';

export {isolateProductGit} from '../../harness/product-env.js';

/** Set and delete many refs in one process: `git update-ref --stdin`. */
export function updateRefs(repo: string, updates: Record<string, string | null>): void {
	const lines = Object.entries(updates).map(([ref, sha]) => (sha === null ? `delete ${ref}` : `update ${ref} ${sha}`));
	if (lines.length === 0) return;
	execFileSync('git', ['update-ref', '--stdin'], {cwd: repo, env: gitEnv(), input: lines.join('\n') + '\n'});
}

/**
 * Replace every packed ref with `refs` by writing git's packed-refs file directly: thousands
 * of loose refs through update-ref take seconds on a slow disk, this takes a millisecond.
 * Loose refs still win over packed ones, so only use it for refs nothing else wrote.
 */
export function writePackedRefs(gitDir: string, refs: Record<string, string>): void {
	const names = Object.keys(refs).sort((a, b) => (Buffer.compare(Buffer.from(a), Buffer.from(b))));
	const lines = ['# pack-refs with: peeled fully-peeled sorted ', ...names.map(name => `${refs[name]} ${name}`)];
	writeFileSync(path.join(gitDir, 'packed-refs'), lines.join('\n') + '\n');
}

/**
 * Commits with the given parents (indices of earlier commits; [] = a root), built with one
 * `git fast-import`. Returns each commit's sha, in order.
 */
export function buildDag(repo: string, parents: ReadonlyArray<readonly number[]>): string[] {
	const script: string[] = [];
	parents.forEach((ps, i) => {
		const [first, ...merges] = ps;
		// Every commit names its parent explicitly; `reset` makes the next one a root.
		if (first === undefined) script.push('reset refs/dag/tip');
		script.push('commit refs/dag/tip', `mark :${i + 1}`, `committer T <t@t> ${1_700_000_000 + i} +0000`, 'data <<EOM', `c${i}`, 'EOM');
		if (first !== undefined) script.push(`from :${first + 1}`);
		for (const merge of merges) script.push(`merge :${merge + 1}`);
		script.push('');
	});
	const marks = path.join(repo, 'dag-marks');
	execFileSync('git', ['fast-import', '--quiet', `--export-marks=${marks}`], {cwd: repo, env: gitEnv(), input: script.join('\n') + '\n'});
	const shas = new Array<string>(parents.length);
	for (const line of readFileSync(marks, 'utf8').split('\n')) {
		const [mark, sha] = line.split(' ');
		if (mark && sha) shas[Number(mark.slice(1)) - 1] = sha;
	}

	return shas;
}
