import {runGit} from '../git/runner.js';

/**
 * Ahead/behind counts and ancestry between MANY tips (local branch, every remote's
 * tracking ref) with a constant number of git processes, however many tips there are:
 *
 * 1. `git merge-base --octopus --all <tips>` — the commits every tip shares. Everything
 *    reachable from them is reachable from all tips, so it can never count towards a
 *    difference and is left out.
 * 2. `git rev-list --topo-order --parents --stdin` with the tips and `^<bases>` — only the
 *    commits where the tips differ, children before parents.
 * 3. In JS, each commit gets a bitset of the tips that reach it (pushed from children to
 *    parents). Then |reach(A) \ reach(B)| is a scan over those bitsets and "A is an
 *    ancestor of B" is one bit at A.
 *
 * Unrelated histories (no common base) and shallow clones just list more commits: rev-list
 * stops at the shallow boundary exactly as `git rev-list --count` does.
 */

export type TipGraph = {
	/** |reach(a) \ reach(b)|, like `git rev-list --count b..a`; undefined when either tip is unknown. */
	countOnly(a: string | undefined, b: string | undefined): number | undefined;
	/** Every commit reachable from a (`git rev-list --count a`); exact only when built with fullHistory. */
	countAll(a: string | undefined): number | undefined;
	/** True when a is b or an ancestor of it (`git merge-base --is-ancestor a b`). */
	isAncestor(a: string | undefined, b: string | undefined): boolean | undefined;
};

export type AnalyzeOptions = {
	/** Do not cut at the common base: needed for countAll (comparing with an unborn branch). */
	fullHistory?: boolean;
	signal?: AbortSignal;
};

export class GraphError extends Error {
	constructor(stderr: string) {
		super(`could not read the commit graph: ${stderr.trim() || 'git rev-list failed'} (run 'git fsck' to check the repository)`);
		this.name = 'GraphError';
	}
}

// merge-base takes its commits on argv only; past this many (~330 KB of argv) we list the
// whole history instead, still in one process.
const maxMergeBaseTips = 8000;

export async function analyzeTips(cwd: string, tips: ReadonlyArray<string | undefined>, options: AnalyzeOptions = {}): Promise<TipGraph> {
	const unique = [...new Set(tips.filter((tip): tip is string => tip !== undefined && tip.length > 0))];
	if (unique.length === 0) return buildGraph([], [], false, options.fullHistory === true);
	// One tip (every remote in sync): nothing differs, no git needed.
	if (unique.length === 1 && !options.fullHistory) return buildGraph(unique, [], true, false);
	const bases = options.fullHistory || unique.length > maxMergeBaseTips ? [] : await octopusBases(cwd, unique, options.signal);
	const input = [...unique, ...bases.map(base => `^${base}`)].join('\n') + '\n';
	const out = await runGit({
		args: ['rev-list', '--topo-order', '--parents', '--ignore-missing', '--stdin'],
		cwd,
		input,
		signal: options.signal,
	});
	if (out.exitCode !== 0) throw new GraphError(out.stderr);
	return buildGraph(unique, out.stdout.split('\n'), bases.length > 0, bases.length === 0);
}

async function octopusBases(cwd: string, tips: string[], signal?: AbortSignal): Promise<string[]> {
	if (tips.length === 1) return tips;
	const out = await runGit({args: ['merge-base', '--octopus', '--all', ...tips], cwd, signal});
	// Exit 1 with no output: unrelated histories. Any failure (a missing object, a shallow
	// boundary) just means no cut: correct, only slower.
	if (out.exitCode !== 0) return [];
	return out.stdout.split('\n').filter(line => /^[0-9a-f]{40,64}$/.test(line));
}

/**
 * @param lines rev-list --parents output, children before parents.
 * @param cut true when commits below a common base were left out (tips not listed are then
 *   ancestors of every tip); false when everything was listed (tips not listed are missing).
 */
export function buildGraph(tips: readonly string[], lines: readonly string[], cut: boolean, exactTotals: boolean): TipGraph {
	const tipBit = new Map<string, number>(tips.map((tip, bit) => [tip, bit]));
	const words = Math.max(1, Math.ceil(tips.length / 32));
	const index = new Map<string, number>();
	const rows: string[][] = [];
	for (const line of lines) {
		if (line.length === 0) continue;
		const row = line.split(' ');
		index.set(row[0]!, rows.length);
		rows.push(row);
	}

	const bits = new Uint32Array(rows.length * words);
	for (const [tip, bit] of tipBit) {
		const at = index.get(tip);
		if (at !== undefined) bits[at * words + (bit >>> 5)]! |= 1 << (bit & 31);
	}

	// Topological order: a commit's bits are final before it passes them to its parents.
	for (let at = 0; at < rows.length; at++) {
		const row = rows[at]!;
		for (let p = 1; p < row.length; p++) {
			const parent = index.get(row[p]!);
			if (parent === undefined) continue;
			for (let w = 0; w < words; w++) bits[parent * words + w]! |= bits[at * words + w]!;
		}
	}

	const has = (commit: number, bit: number) => (bits[commit * words + (bit >>> 5)]! & (1 << (bit & 31))) !== 0;
	const known = (tip: string | undefined): tip is string => tip !== undefined && tipBit.has(tip) && (cut || index.has(tip));
	const counts = new Map<string, number>();

	const countOnly = (a: string | undefined, b: string | undefined): number | undefined => {
		if (!known(a) || !known(b)) return undefined;
		if (a === b) return 0;
		const key = `${a} ${b}`;
		let count = counts.get(key);
		if (count === undefined) {
			const bitA = tipBit.get(a)!;
			const bitB = tipBit.get(b)!;
			count = 0;
			for (let at = 0; at < rows.length; at++) if (has(at, bitA) && !has(at, bitB)) count++;
			counts.set(key, count);
		}

		return count;
	};

	return {
		countOnly,
		countAll(a) {
			if (!exactTotals || !known(a)) return undefined;
			const bitA = tipBit.get(a)!;
			let count = 0;
			for (let at = 0; at < rows.length; at++) if (has(at, bitA)) count++;
			return count;
		},
		isAncestor(a, b) {
			if (!known(a) || !known(b)) return undefined;
			if (a === b) return true;
			const at = index.get(a);
			// Not listed although known: it lies below the common base, an ancestor of every tip.
			return at === undefined ? true : has(at, tipBit.get(b)!);
		},
	};
}
