import {describe, expect, it} from 'vitest';
import {branchNames, notTakenReason, remoteBranchOf} from '../../source/core/branch-map.js';
import {formatRefspec, parseRefspec, trackingRefFor, withMappedBranches, type Refspec} from '../../source/core/status/refspecs.js';
import {resolvedRemote} from '../harness/product-env.js';

/** branch_map's rules (core/branch-map.ts) and the refspecs our fetch adds for it (status/refspecs.ts). */

const legacy = (branches: string[] = ['*'], map: Record<string, string> = {main: 'master'}) => resolvedRemote('legacy', {branches, branchMap: new Map(Object.entries(map))});

describe('branch_map: names', () => {
	it('maps what the map names and keeps every other name', () => {
		expect(remoteBranchOf(legacy(), 'main')).toBe('master');
		expect(remoteBranchOf(legacy(), 'dev')).toBe('dev');
		expect(remoteBranchOf(resolvedRemote('origin'), 'main')).toBe('main');
		// A name inherited from Object.prototype is no mapping.
		expect(remoteBranchOf(legacy(), 'constructor')).toBe('constructor');
	});

	it('results carry remoteBranch only when it differs', () => {
		expect(branchNames(legacy(), 'main')).toEqual({remote: 'legacy', branch: 'main', remoteBranch: 'master'});
		expect(branchNames(legacy(), 'dev')).toEqual({remote: 'legacy', branch: 'dev'});
	});
});

describe('branch_map: which local branches a remote takes', () => {
	it.each([
		[['*'], 'main', undefined],
		[['master'], 'main', undefined],
		[['main'], 'main', undefined],
		[['!master'], 'main', 'branches: !master'],
		[['*', '!main'], 'main', 'branches: *, !main'],
		[['release/*'], 'main', 'branches: release/*'],
		// The remote's master is main's place: a local master is not sent there.
		[['*'], 'master', 'its master is where branch_map sends main'],
	] as const)('branches %j, local %s → %s', (branches, branch, reason) => {
		expect(notTakenReason(legacy([...branches]), branch)).toBe(reason);
	});

	it('a swap claims nothing: each branch goes where the map says', () => {
		const swap = legacy(['*'], {main: 'master', master: 'main'});
		expect(notTakenReason(swap, 'master')).toBeUndefined();
		expect(remoteBranchOf(swap, 'master')).toBe('main');
	});
});

describe('branch_map: the refspecs our fetch adds', () => {
	const specs = (...texts: string[]): Refspec[] => texts.map(text => parseRefspec(text)!);

	it('none when the remote’s refspec already fetches the target', () => {
		const wide = specs('+refs/heads/*:refs/remotes/legacy/*');
		expect(withMappedBranches(wide, legacy())).toEqual(wide);
	});

	it('a pattern for a target a narrow refspec misses, landing in refs/remotes/<remote>/<target>', () => {
		const narrow = specs('+refs/heads/develop:refs/remotes/legacy/develop');
		const added = withMappedBranches(narrow, legacy());
		expect(added.map(formatRefspec)).toEqual(['+refs/heads/develop:refs/remotes/legacy/develop', '+refs/heads/master*:refs/remotes/legacy/master*']);
		expect(trackingRefFor(added, 'master')).toBe('refs/remotes/legacy/master');
	});

	it("never against the user's negative refspec", () => {
		const excluded = specs('+refs/heads/develop:refs/remotes/legacy/develop', '^refs/heads/master');
		expect(withMappedBranches(excluded, legacy())).toEqual(excluded);
	});
});
