import type {ResolvedRemote} from '../config/schema.js';
import {runGit} from '../git/runner.js';

/**
 * Where each remote's branches land locally, read from the fetch refspecs in git config
 * (`remote.<name>.fetch`), never assumed. A clone made with `--single-branch` or `--depth`
 * fetches only `refs/heads/main`: for its other branches there is no tracking ref, and that
 * says nothing about the remote. Nested remote names (`gh` and `gh/mirror`) share the
 * `refs/remotes/gh/` prefix: refs under another remote's destination belong to that remote.
 */

/** One fetch refspec, parsed: `+refs/heads/*:refs/remotes/origin/*`, or a negative `^refs/heads/wip/*`. */
export type Refspec = {source: string; destination?: string; negative: boolean};

/** Remote name → its fetch refspecs, for every remote in git config (disabled ones too). */
export type RemoteLayout = ReadonlyMap<string, readonly Refspec[]>;

export function parseRefspec(text: string): Refspec | undefined {
	const spec = text.trim();
	if (spec.startsWith('^')) return {source: qualify(spec.slice(1)), negative: true};
	const [source, destination] = spec.replace(/^\+/, '').split(':');
	if (!source) return undefined;
	return {source: qualify(source), destination: destination ? qualify(destination) : undefined, negative: false};
}

// A bare name in a refspec ("main:refs/remotes/o/main") is a branch on the remote side.
function qualify(ref: string): string {
	return ref.startsWith('refs/') ? ref : `refs/heads/${ref}`;
}

/** The refspec git uses when `remote.<name>.fetch` is unset by `git remote add`, and for config-only remotes. */
export function defaultRefspec(remote: string): Refspec {
	return {source: 'refs/heads/*', destination: `refs/remotes/${remote}/*`, negative: false};
}

export function formatRefspec(spec: Refspec): string {
	return spec.negative ? `^${spec.source}` : `+${spec.source}:${spec.destination ?? ''}`;
}

/** Every `remote.<name>.fetch` in one `git config` process. Names may hold dots: the variable is after the last one. */
export async function readRemoteLayout(cwd: string, signal?: AbortSignal): Promise<Map<string, Refspec[]>> {
	const out = await runGit({args: ['config', '-z', '--get-regexp', String.raw`^remote\..*\.(fetch|url)$`], cwd, signal});
	// Exit 1: no remote at all.
	return out.exitCode === 0 ? parseRemoteLayout(out.stdout) : new Map();
}

/** Every remote's fetch refspecs from `git config -z --get-regexp` output that has its `url` and `fetch` keys (other keys are ignored). */
export function parseRemoteLayout(stdout: string): Map<string, Refspec[]> {
	const layout = new Map<string, Refspec[]>();
	for (const entry of stdout.split('\0')) {
		const newline = entry.indexOf('\n');
		const key = newline === -1 ? entry : entry.slice(0, newline);
		const dot = key.lastIndexOf('.');
		if (!key.startsWith('remote.') || dot <= 'remote.'.length) continue;
		const suffix = key.slice(dot + 1).toLowerCase();
		if (suffix !== 'fetch' && suffix !== 'url') continue;
		const name = key.slice('remote.'.length, dot);
		const specs = layout.get(name) ?? [];
		layout.set(name, specs);
		if (suffix !== 'fetch' || newline === -1) continue;
		const spec = parseRefspec(entry.slice(newline + 1));
		if (spec) specs.push(spec);
	}

	return layout;
}

/** `ref` matched against a pattern with at most one `*` (git's rule): the part `*` stood for, or undefined. */
function matchPattern(pattern: string, ref: string): string | undefined {
	const star = pattern.indexOf('*');
	if (star === -1) return pattern === ref ? '' : undefined;
	const [prefix, suffix] = [pattern.slice(0, star), pattern.slice(star + 1)];
	if (ref.length < prefix.length + suffix.length || !ref.startsWith(prefix) || !ref.endsWith(suffix)) return undefined;
	return ref.slice(prefix.length, ref.length - suffix.length);
}

/** The local ref a fetch with `specs` writes for the remote's `refs/heads/<branch>`, or undefined when none does. */
export function trackingRefFor(specs: readonly Refspec[], branch: string): string | undefined {
	const source = `refs/heads/${branch}`;
	if (excluded(specs, branch)) return undefined;
	for (const spec of specs) {
		if (spec.negative || spec.destination === undefined) continue;
		const matched = matchPattern(spec.source, source);
		if (matched === undefined) continue;
		return spec.source.includes('*') ? spec.destination.replace('*', matched) : spec.destination;
	}

	return undefined;
}

/** True when a negative refspec keeps the remote's `refs/heads/<branch>` out of every fetch. */
function excluded(specs: readonly Refspec[], branch: string): boolean {
	return specs.some(spec => spec.negative && matchPattern(spec.source, `refs/heads/${branch}`) !== undefined);
}

/**
 * `specs` plus one refspec for each branch_map target they do not fetch: a clone made with
 * `--single-branch` fetches one branch, yet `{"main": "master"}` compares main with the
 * remote's master, so our fetch brings `refs/heads/master` into `refs/remotes/<remote>/master`.
 * It is written as a pattern, `refs/heads/master*`, because an exact refspec fails the whole
 * fetch while the remote has no such branch yet (before the first push); the `*` may also bring
 * names that begin with the target, into the same place git's default refspec would put them.
 * A target the user's own negative refspec excludes stays excluded.
 */
export function withMappedBranches(specs: readonly Refspec[], remote: Pick<ResolvedRemote, 'name' | 'branchMap'>): Refspec[] {
	const added: Refspec[] = [];
	for (const target of new Set(remote.branchMap?.values() ?? [])) {
		if (trackingRefFor(specs, target) !== undefined || excluded(specs, target)) continue;
		added.push({source: `refs/heads/${target}*`, destination: `refs/remotes/${remote.name}/${target}*`, negative: false});
	}

	return [...specs, ...added];
}

/** The fixed part of each destination: refs under it are this remote's (`refs/remotes/origin/`). */
export function destinationPrefixes(specs: readonly Refspec[]): string[] {
	return specs.filter(spec => !spec.negative && spec.destination).map(spec => {
		const destination = spec.destination!;
		const star = destination.indexOf('*');
		return star === -1 ? destination : destination.slice(0, star);
	});
}

/**
 * True when `ref` is one of `remote`'s tracking refs: under its destinations and not under a
 * longer destination of another remote (`refs/remotes/gh/mirror/x` is gh/mirror's, not gh's).
 */
export function ownsRef(layout: RemoteLayout, remote: string, ref: string): boolean {
	const own = destinationPrefixes(layout.get(remote) ?? [defaultRefspec(remote)]);
	const mine = own.filter(prefix => (prefix.endsWith('/') ? ref.startsWith(prefix) : ref === prefix));
	if (mine.length === 0) return false;
	const longest = Math.max(...mine.map(prefix => prefix.length));
	for (const [other, specs] of layout) {
		if (other === remote) continue;
		if (destinationPrefixes(specs).some(prefix => prefix.length > longest && prefix.endsWith('/') && ref.startsWith(prefix))) return false;
	}

	return true;
}

/**
 * Each of `remotes` with its tracking refs among `refs`: what ownsRef says for every pair, in
 * one pass over the refs with a lookup per `/` of each ref. (Asking ownsRef for each remote and
 * ref took ~50 ms of the first frame at 20 remotes x 50 branches, the code still cold.)
 * A ref is a remote's when the remote has it as an exact destination, or has the longest
 * glob destination (`refs/remotes/gh/mirror/`) that the ref is under.
 */
export function trackingRefsOf(layout: RemoteLayout, remotes: readonly string[], refs: Iterable<string>): Map<string, string[]> {
	const owned = new Map<string, string[]>(remotes.map(remote => [remote, []]));
	const under = new Map<string, string[]>();
	const exact = new Map<string, string[]>();
	for (const [remote, specs] of layout) {
		for (const prefix of destinationPrefixes(specs)) {
			const index = prefix.endsWith('/') ? under : exact;
			index.set(prefix, [...(index.get(prefix) ?? []), remote]);
		}
	}

	// A remote with no refspecs in the layout is asked the long way (ownsRef's default refspec).
	const outside = remotes.filter(remote => !layout.has(remote));
	for (const ref of refs) {
		if (ref.startsWith('refs/heads/')) continue;
		let longest: string[] = [];
		for (let slash = ref.indexOf('/'); slash !== -1; slash = ref.indexOf('/', slash + 1)) longest = under.get(ref.slice(0, slash + 1)) ?? longest;
		for (const remote of new Set([...(exact.get(ref) ?? []), ...longest])) owned.get(remote)?.push(ref);
		for (const remote of outside) if (ownsRef(layout, remote, ref)) owned.get(remote)!.push(ref);
	}

	return owned;
}

/**
 * The refspecs our own fetch of `remote` passes on the command line: its configured ones, plus
 * a negative refspec for every other remote's destination nested inside one of its globs, so
 * `--prune` can never delete another remote's (or a disabled remote's) tracking refs.
 */
export function fetchRefspecs(layout: RemoteLayout, remote: string): Refspec[] {
	const configured = layout.get(remote);
	const specs = configured && configured.some(spec => !spec.negative) ? [...configured] : [...(configured ?? []), defaultRefspec(remote)];
	const guards: Refspec[] = [];
	for (const spec of specs) {
		if (spec.negative || !spec.destination?.endsWith('/*') || !spec.source.endsWith('/*')) continue;
		const destinationPrefix = spec.destination.slice(0, -1);
		const sourcePrefix = spec.source.slice(0, -1);
		for (const [other, otherSpecs] of layout) {
			if (other === remote) continue;
			for (const prefix of destinationPrefixes(otherSpecs)) {
				if (prefix.length > destinationPrefix.length && prefix.startsWith(destinationPrefix) && prefix.endsWith('/')) {
					guards.push({source: `${sourcePrefix}${prefix.slice(destinationPrefix.length)}*`, negative: true});
				}
			}
		}
	}

	return [...specs, ...guards];
}
