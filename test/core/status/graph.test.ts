import {describe, expect, it} from 'vitest';
import {analyzeTips} from '../../../source/core/status/graph.js';
import {gitSpawnCount} from '../../../source/core/git/runner.js';
import {git, makeBare, tempDir} from '../../harness/index.js';
import {buildDag, isolateProductGit} from './helpers.js';

isolateProductGit();

/** c0 ← c1 ← c2 ← c3 (main), c1 ← c4 ← c5 (side), c6 merges c3 and c5; r0 ← r1 is unrelated. */
function fixture() {
	const repo = makeBare();
	const [c0, c1, c2, c3, c4, c5, c6, r0, r1] = buildDag(repo, [[], [0], [1], [2], [1], [4], [3, 5], [], [7]]);
	return {repo, c0: c0!, c1: c1!, c2: c2!, c3: c3!, c4: c4!, c5: c5!, c6: c6!, r0: r0!, r1: r1!};
}

const count = (repo: string, a: string, b: string) => git(repo, 'rev-list', '--left-right', '--count', `${a}...${b}`).split('\t').map(Number);

describe('commit graph between many tips', () => {
	it('counts ahead/behind of diverged tips like rev-list --left-right --count', async () => {
		const {repo, c3, c5, c6, c0} = fixture();
		const graph = await analyzeTips(repo, [c3, c5, c6, c0]);
		expect([graph.countOnly(c3, c5), graph.countOnly(c5, c3)]).toEqual(count(repo, c3, c5));
		expect([graph.countOnly(c6, c3), graph.countOnly(c3, c6)]).toEqual([3, 0]);
		expect(graph.isAncestor(c3, c5)).toBe(false);
		expect(graph.isAncestor(c3, c6)).toBe(true);
		expect(graph.isAncestor(c6, c3)).toBe(false);
		// c0 lies below the common base of all tips: an ancestor of every one.
		expect(graph.isAncestor(c0, c5)).toBe(true);
		expect(graph.countOnly(c0, c5)).toBe(0);
		expect(graph.countOnly(c5, c0)).toBe(3);
	});

	it('handles identical tips and a tip that is an ancestor of another', async () => {
		const {repo, c2, c3} = fixture();
		const graph = await analyzeTips(repo, [c3, c3, c2]);
		expect(graph.countOnly(c3, c3)).toBe(0);
		expect(graph.isAncestor(c3, c3)).toBe(true);
		expect(graph.countOnly(c3, c2)).toBe(1);
		expect(graph.countOnly(c2, c3)).toBe(0);
	});

	it('counts whole histories for unrelated tips (no merge base)', async () => {
		const {repo, c3, r1} = fixture();
		const graph = await analyzeTips(repo, [c3, r1]);
		expect([graph.countOnly(c3, r1), graph.countOnly(r1, c3)]).toEqual([4, 2]);
		expect(graph.isAncestor(c3, r1)).toBe(false);
		expect(graph.isAncestor(r1, c3)).toBe(false);
	});

	it('answers undefined for missing tips and for shas the repository lacks', async () => {
		const {repo, c3, c5} = fixture();
		const ghost = 'f'.repeat(40);
		const graph = await analyzeTips(repo, [c3, undefined, c5, ghost]);
		expect(graph.countOnly(c3, undefined)).toBeUndefined();
		expect(graph.countOnly(c3, ghost)).toBeUndefined();
		expect(graph.isAncestor(ghost, c3)).toBeUndefined();
		expect(graph.countOnly(c3, c5)).toBe(2);
		expect(graph.countOnly(c3, 'not-a-tip')).toBeUndefined();
	});

	it('counts whole histories only when asked for them (unborn branch)', async () => {
		const {repo, c3, c6} = fixture();
		expect((await analyzeTips(repo, [c3, c6])).countAll(c3)).toBeUndefined();
		const full = await analyzeTips(repo, [c3, c6], {fullHistory: true});
		expect(full.countAll(c3)).toBe(Number(git(repo, 'rev-list', '--count', c3)));
		expect(full.countAll(c6)).toBe(Number(git(repo, 'rev-list', '--count', c6)));
		expect(full.countOnly(c6, c3)).toBe(3);
	});

	it('needs no git at all for zero tips and stays exact with large counts', async () => {
		const empty = await analyzeTips(tempDir(), []);
		expect(empty.countOnly('a', 'b')).toBeUndefined();

		const repo = makeBare();
		// A 3000-commit trunk with a 1500-commit branch off its middle.
		const parents: number[][] = [[]];
		for (let i = 1; i < 3000; i++) parents.push([i - 1]);
		parents.push([1499]);
		for (let i = 3001; i < 4500; i++) parents.push([i - 1]);
		const shas = buildDag(repo, parents);
		const [trunk, branch] = [shas[2999]!, shas[4499]!];
		const graph = await analyzeTips(repo, [trunk, branch]);
		expect([graph.countOnly(trunk, branch), graph.countOnly(branch, trunk)]).toEqual(count(repo, trunk, branch));
		expect(graph.countOnly(trunk, branch)).toBe(1500);
	});

	it('uses the same number of git processes for 3 tips and for 300', async () => {
		const repo = makeBare();
		const parents: number[][] = [[]];
		for (let i = 1; i < 600; i++) parents.push([Math.max(0, i - 1 - (i % 7))]);
		const shas = buildDag(repo, parents);
		const spawned = async (tips: string[]) => {
			const before = gitSpawnCount();
			await analyzeTips(repo, tips);
			return gitSpawnCount() - before;
		};

		expect(await spawned(shas.slice(-300))).toBe(await spawned(shas.slice(-3)));
		expect(await spawned(shas.slice(-3))).toBeLessThanOrEqual(2);
	});

	it('stops at the shallow boundary like git does', async () => {
		const source = makeBare();
		const [, , , c3, , c5] = buildDag(source, [[], [0], [1], [2], [1], [4]]);
		git(source, 'update-ref', 'refs/heads/main', c3!);
		git(source, 'update-ref', 'refs/heads/side', c5!);
		const shallow = tempDir();
		git(shallow, 'clone', '-q', '--bare', '--depth=1', '--no-single-branch', `file://${source}`, '.');
		const graph = await analyzeTips(shallow, [c3, c5]);
		expect([graph.countOnly(c3, c5), graph.countOnly(c5, c3)]).toEqual(count(shallow, c3!, c5!));
		expect(graph.isAncestor(c3, c5)).toBe(false);
	});
});
