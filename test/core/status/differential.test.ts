import {execFileSync, spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import type {ResolvedRemote} from '../../../source/core/config/schema.js';
import type {DivergencePair, RemoteBranchStatus, SyncState} from '../../../source/core/model.js';
import {computeStatus} from '../../../source/core/status/compute-status.js';
import {gitEnv, makeBare} from '../../harness/index.js';
import {buildDag, isolateProductGit, remote, writePackedRefs} from './helpers.js';
import {seededRandom} from '../../harness/random.js';

/**
 * Randomized differential test: on random commit DAGs (merges, unrelated roots) and random
 * remote-tracking refs, every state, count and remote-vs-remote divergence computeStatus
 * reports must equal what plain git computes. The oracle walks the parents git stored for
 * each commit, and every case is also checked on a random pair with the literal
 * `git rev-list --left-right --count A...B` and `git merge-base --is-ancestor`.
 *
 * Reproduce a failure with the seed it prints: STATUS_DIFF_SEED=<seed> npx vitest run <this file>
 */

isolateProductGit();

const baseSeed = Number(process.env.STATUS_DIFF_SEED ?? 0x5eed_2024);
const dagCount = 20;
const casesPerDag = 10;
const branches = ['main', 'feature/x', 'release-1.0'];
const namePool = ['origin', 'github', 'gitlab.mirror', 'back-up', 'a.b-c_d', 'internal', 'x--y', 'mirror.2', 'z', 'r-9'];

// Each filter with its meaning written another way than branch-filter.ts does.
const filters: Array<{patterns: string[]; takes: (branch: string) => boolean}> = [
	{patterns: ['*'], takes: () => true},
	{patterns: ['*'], takes: () => true},
	{patterns: ['*'], takes: () => true},
	{patterns: ['main'], takes: branch => branch === 'main'},
	{patterns: ['release-*', 'feature/*'], takes: branch => branch !== 'main'},
	{patterns: ['!main'], takes: branch => branch !== 'main'},
	{patterns: [], takes: () => false},
];


type Random = {next: () => number; int: (min: number, max: number) => number; pick: <T>(items: readonly T[]) => T; chance: (p: number) => boolean};

function random(seed: number): Random {
	const next = seededRandom(seed);
	const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
	return {next, int, pick: items => items[int(0, items.length - 1)]!, chance: p => next() < p};
}

function randomDag(rng: Random): number[][] {
	const size = rng.int(15, 50);
	const parents: number[][] = [[]];
	for (let i = 1; i < size; i++) {
		if (rng.chance(0.06)) {
			parents.push([]); // A new root: unrelated histories.
			continue;
		}

		const ps = new Set([rng.int(Math.max(0, i - 6), i - 1)]);
		if (rng.chance(0.3)) ps.add(rng.int(0, i - 1));
		if (rng.chance(0.05)) ps.add(rng.int(0, i - 1));
		parents.push([...ps]);
	}

	return parents;
}

/**
 * What plain git says: each commit's parents as git stores them (one `git rev-list
 * --parents --no-walk`), and reach(sha) by a plain graph walk over them — no merge-base
 * cut, no bitsets: nothing shared with graph.ts.
 */
function oracle(repo: string, shas: readonly string[]) {
	const parents = new Map<string, string[]>();
	const listed = execFileSync('git', ['rev-list', '--parents', '--no-walk=unsorted', '--stdin'], {cwd: repo, env: gitEnv(), encoding: 'utf8', input: shas.join('\n') + '\n'});
	for (const line of listed.split('\n').filter(Boolean)) {
		const [sha, ...rest] = line.split(' ');
		parents.set(sha!, rest);
	}

	expect(parents.size).toBe(shas.length);
	const reach = new Map<string, Set<string>>();
	const reachOf = (sha: string) => {
		let set = reach.get(sha);
		if (!set) {
			set = new Set<string>();
			const stack = [sha];
			while (stack.length > 0) {
				const next = stack.pop()!;
				if (set.has(next)) continue;
				set.add(next);
				stack.push(...(parents.get(next) ?? []));
			}

			reach.set(sha, set);
		}

		return set;
	};

	const only = (a: string, b: string) => [...reachOf(a)].filter(sha => !reachOf(b).has(sha)).length;
	return {reachOf, only, isAncestor: (a: string, b: string) => reachOf(b).has(a)};
}

type Case = {remotes: ResolvedRemote[]; takes: Map<string, (branch: string) => boolean>; refs: Record<string, string>};

function randomCase(rng: Random, shas: readonly string[]): Case {
	const names = [...namePool].sort(() => rng.next() - 0.5).slice(0, rng.int(3, 8));
	const refs: Record<string, string> = {};
	const locals = new Map<string, string>();
	for (const branch of branches) {
		if (rng.chance(0.1)) continue; // Unborn here.
		const sha = rng.pick(shas);
		locals.set(branch, sha);
		refs[`refs/heads/${branch}`] = sha;
	}

	const takes = new Map<string, (branch: string) => boolean>();
	const remotes = names.map(name => {
		const filter = rng.pick(filters);
		takes.set(name, filter.takes);
		if (!rng.chance(0.15)) {
			for (const branch of branches) {
				if (rng.chance(0.25)) continue; // Missing on this remote.
				const local = locals.get(branch);
				refs[`refs/remotes/${name}/${branch}`] = local !== undefined && rng.chance(0.3) ? local : rng.pick(shas);
			}
		}

		const inGit = rng.chance(0.8);
		return remote(name, {priority: rng.int(1, 3), branches: filter.patterns, inGit, url: inGit ? undefined : `/srv/${name}.git`});
	});
	return {remotes, takes, refs};
}

function expectedReport(git: ReturnType<typeof oracle>, testCase: Case, branch: string) {
	const {refs} = testCase;
	const local = refs[`refs/heads/${branch}`];
	const ordered = [...testCase.remotes].sort((a, b) => a.priority - b.priority);
	const compared: Array<{name: string; tip: string}> = [];
	const rows: RemoteBranchStatus[] = ordered.map(r => {
		const tip = refs[`refs/remotes/${r.name}/${branch}`];
		const fetched = Object.keys(refs).some(ref => ref.startsWith(`refs/remotes/${r.name}/`));
		let state: SyncState;
		let ahead = 0;
		let behind = 0;
		if (!testCase.takes.get(r.name)!(branch)) state = 'filtered';
		else if (!fetched) state = 'unknown';
		else if (tip === undefined) state = 'missing';
		else {
			compared.push({name: r.name, tip});
			ahead = local === undefined ? 0 : git.only(local, tip);
			behind = local === undefined ? git.reachOf(tip).size : git.only(tip, local);
			state = ahead > 0 && behind > 0 ? 'diverged' : ahead > 0 ? 'ahead' : behind > 0 ? 'behind' : 'in-sync';
		}

		return {remote: r.name, url: r.url, priority: r.priority, branch, state, ahead, behind, local, remoteSha: tip};
	});
	const divergence: DivergencePair[] = [];
	for (let i = 0; i < compared.length; i++) {
		for (let j = i + 1; j < compared.length; j++) {
			const [a, b] = [compared[i]!, compared[j]!];
			if (!git.isAncestor(a.tip, b.tip) && !git.isAncestor(b.tip, a.tip)) divergence.push({branch, remotes: [a.name, b.name]});
		}
	}

	return {branch, local, remotes: rows, divergence};
}

/** The literal git commands, on a random pair of the case: local vs a remote, and two remotes. */
function literalChecks(repo: string, rng: Random, report: Awaited<ReturnType<typeof computeStatus>>, where: string): void {
	const compared = report.remotes.filter(row => row.remoteSha !== undefined && !['filtered', 'unknown', 'missing'].includes(row.state));
	for (let n = 0; n < 1 && report.local !== undefined && compared.length > 0; n++) {
		const row = rng.pick(compared);
		const counts = execFileSync('git', ['rev-list', '--left-right', '--count', `${report.local}...${row.remoteSha!}`], {cwd: repo, env: gitEnv(), encoding: 'utf8'});
		expect([row.ahead, row.behind], `${where} remote ${row.remote}`).toEqual(counts.trim().split('\t').map(Number));
	}

	for (let n = 0; n < 1 && compared.length > 1; n++) {
		const a = rng.pick(compared);
		const b = rng.pick(compared.filter(row => row !== a));
		const ancestor = (x: string, y: string) => spawnSync('git', ['merge-base', '--is-ancestor', x, y], {cwd: repo, env: gitEnv()}).status === 0;
		const diverged = !ancestor(a.remoteSha!, b.remoteSha!) && !ancestor(b.remoteSha!, a.remoteSha!);
		const reported = report.divergence.some(pair => pair.remotes.includes(a.remote) && pair.remotes.includes(b.remote));
		expect(reported, `${where} remotes ${a.remote} vs ${b.remote}`).toBe(diverged);
	}
}

describe('status agrees with plain git on random histories (differential)', () => {
	for (let dag = 0; dag < dagCount; dag++) {
		const seed = (baseSeed + dag * 7919) >>> 0;
		it(`DAG ${dag}: ${casesPerDag} random cases (seed ${seed}; rerun with STATUS_DIFF_SEED=${baseSeed})`, async () => {
			const rng = random(seed);
			const repo = makeBare();
			const shas = buildDag(repo, randomDag(rng));
			const git = oracle(repo, shas);
			for (let index = 0; index < casesPerDag; index++) {
				const testCase = randomCase(rng, shas);
				writePackedRefs(repo, testCase.refs);
				const checked = rng.pick(branches);
				for (const branch of branches) {
					const where = `seed ${seed} (base ${baseSeed}) DAG ${dag} case ${index} branch ${branch}`;
					const report = await computeStatus({cwd: repo, branch, remotes: testCase.remotes, fetchedAt: {}});
					expect(report, where).toEqual(expectedReport(git, testCase, branch));
					// The oracle itself is checked against git's own commands, once per case.
					if (branch === checked) literalChecks(repo, rng, report, where);
				}
			}
		});
	}
});
