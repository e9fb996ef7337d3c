import {execFileSync, spawnSync} from 'node:child_process';
import {mkdirSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {ResolvedRemote} from '../../../source/core/config/schema.js';
import type {DivergencePair, RemoteBranchStatus, SyncState} from '../../../source/core/model.js';
import {computeStatus} from '../../../source/core/status/compute-status.js';
import {remoteTagsPrefix} from '../../../source/core/tags/private-refs.js';
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
 * The edges grow with the cases: empty remotes (fetched, no branch), narrow and custom fetch
 * refspecs (`clone --single-branch`, another destination), nested remote names (`gh`,
 * `gh/mirror`), fetches made by plain `git fetch` (tracking refs and FETCH_HEAD written by
 * git itself, not by us), and `branch_map` (a local branch compared with another name on the
 * remote, a swap, a mapped name claimed from the local branch of that name, `branches` globs
 * seeing both names, mapped names a narrow refspec does not fetch). One DAG repository is
 * shared by all cases of a seed.
 *
 * Tags grow with them too: random local tags (annotated tag objects and lightweight ones,
 * odd names), each remote's tags as our fetch stores them (same, elsewhere, absent), looked
 * at or never, under a random `tags` policy; the oracle decides `follow` by its own walk from
 * the branch tip to each tag's commit, and plain `git for-each-ref --merged` checks that walk.
 *
 * Reproduce a failure with the seed it prints: STATUS_DIFF_SEED=<seed> npx vitest run <this file>
 */

isolateProductGit();

const baseSeed = Number(process.env.STATUS_DIFF_SEED ?? 0x5eed_2024);
// 30 × 10 = 300 random cases (seeds), each checked on every branch.
const dagCount = 30;
const casesPerDag = 10;
const branches = ['main', 'feature/x', 'release-1.0', 'master'];
/** Names branches may have on a remote: the local ones and the targets of the maps below. */
const remoteNames = [...branches, 'feat-x'];
// branch_map values a remote may get; mostly none.
const maps: Array<Record<string, string>> = [
	{},
	{},
	{},
	{main: 'master'},
	{main: 'master', 'feature/x': 'feat-x'},
	{main: 'release-1.0', 'release-1.0': 'main'},
	{'feature/x': 'main'},
	{main: 'main', 'release-1.0': 'feat-x'},
];
const tagNamePool = ['v1.0', 'v1.1', 'v2.0-rc.1', 'release/3', '-dash', 'x@y', 'nightly', 'a/b/c', 'a-b', 'zz'];
const tagPolicies = ['follow', 'follow', 'all', 'none'] as const;
const namePool = ['origin', 'github', 'gitlab.mirror', 'back-up', 'a.b-c_d', 'internal', 'x--y', 'mirror.2', 'z', 'r-9', 'gh', 'gh/mirror', 'gh/mirror/deep'];

/** How a remote's fetch refspec in git config reads: git's default, only main, or another destination. */
type RefspecKind = 'default' | 'main-only' | 'elsewhere';

/**
 * Where our fetch puts the remote's branch `b` (undefined: it does not fetch it), written out per
 * kind: git's refspec, plus a refspec of ours for each map target the refspec misses.
 */
function destinationOf(name: string, kind: RefspecKind, branch: string, map: Record<string, string>): string | undefined {
	if (kind === 'main-only') return branch === 'main' || Object.values(map).includes(branch) ? `refs/remotes/${name}/${branch}` : undefined;
	if (kind === 'elsewhere') return `refs/remotes/alt--${name}/${branch}`;
	return `refs/remotes/${name}/${branch}`;
}

function refspecOf(name: string, kind: RefspecKind): string {
	if (kind === 'main-only') return `+refs/heads/main:refs/remotes/${name}/main`;
	if (kind === 'elsewhere') return `+refs/heads/*:refs/remotes/alt--${name}/*`;
	return `+refs/heads/*:refs/remotes/${name}/*`;
}

/** The remote a tracking ref belongs to: the one whose destination covers it most specifically. */
function ownerOf(ref: string, layout: ReadonlyArray<{name: string; kind: RefspecKind; map: Record<string, string>}>): string | undefined {
	let owner: string | undefined;
	let longest = -1;
	for (const {name, kind, map} of layout) {
		// A narrow refspec owns exactly what it and our map refspecs name.
		const exact = kind === 'main-only' ? ['main', ...Object.values(map)].map(branch => `refs/remotes/${name}/${branch}`) : undefined;
		const prefix = kind === 'elsewhere' ? `refs/remotes/alt--${name}/` : `refs/remotes/${name}/`;
		const covers = exact === undefined ? ref.startsWith(prefix) : exact.includes(ref);
		const length = exact === undefined ? prefix.length : ref.length;
		if (covers && length > longest) [owner, longest] = [name, length];
	}

	return owner;
}

/**
 * Each filter with its meaning written another way than branch-filter.ts does, for a branch
 * known by its local name and its name on the remote: excluded when either name is excluded,
 * else taken when either is included (or when the filter only excludes).
 */
type Filter = {patterns: string[]; include?: (name: string) => boolean; exclude?: (name: string) => boolean};
const filters: Filter[] = [
	{patterns: ['*'], include: () => true},
	{patterns: ['*'], include: () => true},
	{patterns: ['*'], include: () => true},
	{patterns: ['main'], include: name => name === 'main'},
	{patterns: ['master'], include: name => name === 'master'},
	{patterns: ['release-*', 'feature/*'], include: name => name.startsWith('release-') || name.startsWith('feature/')},
	{patterns: ['!main'], exclude: name => name === 'main'},
	{patterns: ['*', '!master'], include: () => true, exclude: name => name === 'master'},
	{patterns: []},
];

function takesNames(filter: Filter, names: readonly string[]): boolean {
	if (filter.exclude && names.some(filter.exclude)) return false;
	if (filter.include) return names.some(filter.include);
	return filter.exclude !== undefined;
}


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

type Case = {
	remotes: ResolvedRemote[];
	takes: Map<string, Filter>;
	maps: Map<string, Record<string, string>>;
	refs: Record<string, string>;
	kinds: Map<string, RefspecKind>;
	/** Remotes fetched by us (fetched.json) although they may hold no branch. */
	fetchedAt: Record<string, string>;
	/** Remotes fetched by plain `git fetch` from the repository itself. */
	plainFetched: string[];
	/** refs/tags/* and each remote's stored tags (refs/remote-sync/…), written as loose refs. */
	tagRefs: Record<string, string>;
	/** Remotes whose tags our fetch looked at (tags-seen.json). */
	tagsSeen: Record<string, string>;
};

/** Annotated tag objects made once per DAG (fast-import), each with the commit it tags. */
type TagPool = Array<{sha: string; commit: string}>;

function buildTagPool(repo: string, rng: Random, shas: readonly string[]): TagPool {
	const targets = Array.from({length: 12}, () => rng.pick(shas));
	const script = targets.flatMap((commit, i) => [`tag pool-${i}`, `from ${commit}`, `tagger T <t@t> ${1_700_000_000 + i} +0000`, 'data <<EOM', `tag ${i}`, 'EOM', '']);
	execFileSync('git', ['fast-import', '--quiet'], {cwd: repo, env: gitEnv(), input: script.join('\n') + '\n'});
	const out = execFileSync('git', ['for-each-ref', '--format=%(refname) %(objectname)', 'refs/tags/'], {cwd: repo, env: gitEnv(), encoding: 'utf8'});
	const byName = new Map(out.split('\n').filter(Boolean).map(line => line.split(' ') as [string, string]));
	rmSync(path.join(repo, 'refs', 'tags'), {recursive: true, force: true});
	return targets.map((commit, i) => ({sha: byName.get(`refs/tags/pool-${i}`)!, commit}));
}

function randomTags(rng: Random, shas: readonly string[], pool: TagPool, remotes: readonly ResolvedRemote[]) {
	const tagRefs: Record<string, string> = {};
	const tagsSeen: Record<string, string> = {};
	const local = new Map<string, string>();
	for (const name of tagNamePool) {
		if (rng.chance(0.35)) continue;
		const sha = rng.chance(0.6) ? rng.pick(pool).sha : rng.pick(shas);
		local.set(name, sha);
		tagRefs[`refs/tags/${name}`] = sha;
	}

	const anything = () => (rng.chance(0.5) ? rng.pick(pool).sha : rng.pick(shas));
	for (const r of remotes) {
		if (rng.chance(0.3)) continue; // Never looked at: whatever is stored is not read.
		tagsSeen[r.name] = '2025-01-01T00:00:00.000Z';
		for (const name of tagNamePool) {
			const ours = local.get(name);
			const roll = rng.next();
			const stored = ours !== undefined && roll < 0.5 ? ours : roll < 0.75 ? anything() : undefined;
			if (stored !== undefined) tagRefs[`${remoteTagsPrefix(r.name)}${name}`] = stored;
		}
	}

	return {tagRefs, tagsSeen};
}

function randomCase(rng: Random, shas: readonly string[], repo: string, pool: TagPool): Case {
	const names = [...namePool].sort(() => rng.next() - 0.5).slice(0, rng.int(3, 8));
	const refs: Record<string, string> = {};
	const locals = new Map<string, string>();
	for (const branch of branches) {
		if (rng.chance(0.1)) continue; // Unborn here.
		const sha = rng.pick(shas);
		locals.set(branch, sha);
		refs[`refs/heads/${branch}`] = sha;
	}

	const takes = new Map<string, Filter>();
	const mapOf = new Map<string, Record<string, string>>();
	const kinds = new Map<string, RefspecKind>();
	const fetchedAt: Record<string, string> = {};
	const plainFetched: string[] = [];
	const remotes = names.map(name => {
		const filter = rng.pick(filters);
		takes.set(name, filter);
		const map = rng.pick(maps);
		mapOf.set(name, map);
		const inGit = rng.chance(0.8);
		const kind: RefspecKind = inGit ? rng.pick(['default', 'default', 'main-only', 'elsewhere'] as const) : 'default';
		kinds.set(name, kind);
		const shape = rng.next();
		if (inGit && kind !== 'main-only' && shape < 0.1) plainFetched.push(name);
		else if (shape < 0.25) {
			// Empty, or never fetched: fetched.json decides which.
			if (rng.chance(0.5)) fetchedAt[name] = '2025-01-01T00:00:00.000Z';
		} else {
			for (const branch of remoteNames) {
				if (rng.chance(0.25)) continue; // Missing on this remote.
				// Often the tip of the local branch this remote name stands for.
				const mappedFrom = Object.entries(map).find(([, target]) => target === branch)?.[0] ?? branch;
				const local = locals.get(mappedFrom);
				// Also refs its refspec would not write (left by an older, wider refspec): never its.
				const ref = destinationOf(name, kind, branch, map) ?? `refs/remotes/${name}/${branch}`;
				refs[ref] = local !== undefined && rng.chance(0.3) ? local : rng.pick(shas);
			}
		}

		// The plain fetches fetch from this very repository, named by another spelling of its path than the rest.
		const url = plainFetched.includes(name) ? `file://${repo}` : inGit ? repo : `/srv/${name}.git`;
		const branchMap = Object.keys(map).length > 0 ? {branchMap: new Map(Object.entries(map))} : {};
		return remote(name, {priority: rng.int(1, 3), branches: filter.patterns, inGit, url, tags: rng.pick(tagPolicies), ...branchMap});
	});
	return {remotes, takes, maps: mapOf, refs, kinds, fetchedAt, plainFetched, ...randomTags(rng, shas, pool, remotes)};
}

/** The case's remotes in git config (in-git ones only), loose refs and FETCH_HEAD of the last case gone. */
function writeCase(repo: string, testCase: Case): void {
	const config = ['[core]', '\trepositoryformatversion = 0', '\tbare = true'];
	for (const r of testCase.remotes) {
		if (r.inGit) config.push(`[remote "${r.name}"]`, `\turl = ${r.url}`, `\tfetch = ${refspecOf(r.name, testCase.kinds.get(r.name)!)}`);
	}

	writeFileSync(path.join(repo, 'config'), config.join('\n') + '\n');
	for (const dir of ['remotes', 'tags', 'remote-sync']) rmSync(path.join(repo, 'refs', dir), {recursive: true, force: true});
	rmSync(path.join(repo, 'FETCH_HEAD'), {force: true});
	mkdirSync(path.join(repo, 'remote-sync'), {recursive: true});
	writeFileSync(path.join(repo, 'remote-sync', 'fetched.json'), JSON.stringify(testCase.fetchedAt));
	writeFileSync(path.join(repo, 'remote-sync', 'tags-seen.json'), JSON.stringify(testCase.tagsSeen));
	writePackedRefs(repo, testCase.refs);
	// Loose, through git: a tag object's ref in packed-refs would need its peeled line.
	const updates = Object.entries(testCase.tagRefs).map(([ref, sha]) => `create ${ref} ${sha}`);
	if (updates.length > 0) execFileSync('git', ['update-ref', '--stdin'], {cwd: repo, env: gitEnv(), input: updates.join('\n') + '\n'});
	// Plain git, one remote after another (each rewrites FETCH_HEAD, as separate fetches do).
	for (const name of testCase.plainFetched) execFileSync('git', ['-c', 'gc.auto=0', '-c', 'maintenance.auto=false', 'fetch', '-q', name], {cwd: repo, env: gitEnv()});
}

/** Every ref as plain git holds it now (packed and loose). */
function refsInGit(repo: string): Record<string, string> {
	const out = execFileSync('git', ['for-each-ref', '--format=%(refname) %(objectname)', 'refs/heads', 'refs/remotes'], {cwd: repo, env: gitEnv(), encoding: 'utf8'});
	return Object.fromEntries(out.split('\n').filter(Boolean).map(line => line.split(' ') as [string, string]));
}

/** Byte order of ref names, as for-each-ref lists them. */
const refOrder = (a: string, b: string) => Buffer.compare(Buffer.from(`refs/tags/${a}`), Buffer.from(`refs/tags/${b}`));

/** The tags SPEC §3 counts for one remote, decided from the case as written and the oracle's walk. */
function expectedTags(git: ReturnType<typeof oracle>, testCase: Case, pool: TagPool, r: ResolvedRemote, local: string | undefined): RemoteBranchStatus['tags'] {
	if (testCase.tagsSeen[r.name] === undefined) return undefined;
	const peeled = new Map(pool.map(tag => [tag.sha, tag.commit]));
	const localTags = Object.entries(testCase.tagRefs)
		.filter(([ref]) => ref.startsWith('refs/tags/'))
		.map(([ref, sha]) => ({name: ref.slice('refs/tags/'.length), sha}));
	const chosen = localTags.filter(({sha}) => {
		if (r.tags === 'none') return false;
		if (r.tags === 'all') return true;
		const commit = peeled.get(sha);
		return commit !== undefined && local !== undefined && git.reachOf(local).has(commit);
	});
	const theirs = (name: string) => testCase.tagRefs[`${remoteTagsPrefix(r.name)}${name}`];
	return {
		missing: chosen.filter(tag => theirs(tag.name) === undefined).length,
		differ: chosen.filter(tag => theirs(tag.name) !== undefined && theirs(tag.name) !== tag.sha).map(tag => tag.name).sort(refOrder),
	};
}

function expectedReport(git: ReturnType<typeof oracle>, testCase: Case, refs: Record<string, string>, branch: string, pool: TagPool) {
	const local = refs[`refs/heads/${branch}`];
	const ordered = [...testCase.remotes].sort((a, b) => a.priority - b.priority);
	const layout = testCase.remotes.map(r => ({name: r.name, kind: testCase.kinds.get(r.name)!, map: testCase.maps.get(r.name)!}));
	const compared: Array<{name: string; tip: string}> = [];
	const rows: RemoteBranchStatus[] = ordered.map(r => {
		const map = testCase.maps.get(r.name)!;
		const onRemote = Object.hasOwn(map, branch) ? map[branch]! : branch;
		// A name the map gives another local branch is that branch's, not this one's.
		const claimed = !Object.hasOwn(map, branch) && Object.values(map).includes(branch);
		const destination = destinationOf(r.name, testCase.kinds.get(r.name)!, onRemote, map);
		const tip = destination === undefined ? undefined : refs[destination];
		// Plain git fetched it alone from a repository holding branches: FETCH_HEAD names it.
		const plainly = testCase.plainFetched.length === 1 && testCase.plainFetched[0] === r.name && Object.keys(refs).some(ref => ref.startsWith('refs/heads/'));
		const fetched = plainly || testCase.fetchedAt[r.name] !== undefined || Object.keys(refs).some(ref => !ref.startsWith('refs/heads/') && ownerOf(ref, layout) === r.name);
		let state: SyncState;
		let ahead = 0;
		let behind = 0;
		let unknownReason: RemoteBranchStatus['unknownReason'];
		// Why not: the first local branch the map sends onto this name, else the globs.
		const notTaken = claimed
			? `its ${branch} is where branch_map sends ${Object.entries(map).find(([owner, target]) => target === branch && owner !== branch)![0]}`
			: takesNames(testCase.takes.get(r.name)!, [branch, onRemote])
				? undefined
				: `branches: ${r.branches.join(', ') || 'none'}`;
		if (notTaken !== undefined) state = 'filtered';
		else if (destination === undefined) [state, unknownReason] = ['unknown', 'not-in-refspec'];
		else if (!fetched) [state, unknownReason] = ['unknown', 'never-fetched'];
		else if (tip === undefined) state = 'missing';
		else {
			compared.push({name: r.name, tip});
			ahead = local === undefined ? 0 : git.only(local, tip);
			behind = local === undefined ? git.reachOf(tip).size : git.only(tip, local);
			state = ahead > 0 && behind > 0 ? 'diverged' : ahead > 0 ? 'ahead' : behind > 0 ? 'behind' : 'in-sync';
		}

		const row: RemoteBranchStatus = {remote: r.name, url: r.url, priority: r.priority, branch, ...(onRemote === branch ? {} : {remoteBranch: onRemote}), state, ahead, behind, local, remoteSha: tip};
		if (unknownReason) row.unknownReason = unknownReason;
		if (notTaken !== undefined) row.notTaken = notTaken;
		const tags = expectedTags(git, testCase, pool, r, local);
		if (tags) row.tags = tags;
		return row;
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

/** The oracle's `follow` walk against git's own answer: the tags whose commit the branch reaches. */
function literalTagCheck(repo: string, git: ReturnType<typeof oracle>, testCase: Case, pool: TagPool, local: string | undefined, where: string): void {
	if (local === undefined) return;
	const merged = execFileSync('git', ['for-each-ref', '--format=%(refname)', `--merged=${local}`, 'refs/tags/'], {cwd: repo, env: gitEnv(), encoding: 'utf8'});
	const commitOf = new Map(pool.map(tag => [tag.sha, tag.commit]));
	const walked = Object.entries(testCase.tagRefs)
		.filter(([ref, sha]) => ref.startsWith('refs/tags/') && git.reachOf(local).has(commitOf.get(sha) ?? sha))
		.map(([ref]) => ref);
	expect(merged.split('\n').filter(Boolean).toSorted(), `${where} tags merged into ${local}`).toEqual(walked.toSorted());
}

/** How often the mapped edges were met, so a change to the generator cannot quietly drop them. */
const met = {mappedCompared: 0, claimed: 0, mappedByRefspecOfOurs: 0};

function count(testCase: Case, rows: readonly RemoteBranchStatus[]): void {
	for (const row of rows) {
		const map = testCase.maps.get(row.remote)!;
		if (row.remoteBranch !== undefined && row.remoteSha !== undefined && !['filtered', 'unknown', 'missing'].includes(row.state)) met.mappedCompared++;
		if (row.state === 'filtered' && !Object.hasOwn(map, row.branch) && Object.values(map).includes(row.branch)) met.claimed++;
		if (row.remoteBranch !== undefined && testCase.kinds.get(row.remote) === 'main-only' && row.remoteBranch !== 'main' && row.state !== 'filtered') met.mappedByRefspecOfOurs++;
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
			const pool = buildTagPool(repo, rng, shas);
			for (let index = 0; index < casesPerDag; index++) {
				const testCase = randomCase(rng, shas, repo, pool);
				writeCase(repo, testCase);
				const refs = refsInGit(repo);
				const checked = rng.pick(branches);
				for (const branch of branches) {
					const where = `seed ${seed} (base ${baseSeed}) DAG ${dag} case ${index} branch ${branch}`;
					const report = await computeStatus({cwd: repo, branch, remotes: testCase.remotes});
					// fetchedAt is when, not what: the plain fetches' times are checked by being fetched at all.
					const rows = report.remotes.map(({fetchedAt: _at, ...row}) => row);
					expect({...report, remotes: rows}, where).toEqual(expectedReport(git, testCase, refs, branch, pool));
					count(testCase, report.remotes);
					// The oracle itself is checked against git's own commands, once per case.
					if (branch === checked) {
						literalChecks(repo, rng, report, where);
						literalTagCheck(repo, git, testCase, pool, report.local, where);
					}
				}
			}
		});
	}

	it('met every branch_map edge many times', () => {
		expect(met.mappedCompared).toBeGreaterThan(200);
		expect(met.claimed).toBeGreaterThan(200);
		expect(met.mappedByRefspecOfOurs).toBeGreaterThan(40);
	});
});
