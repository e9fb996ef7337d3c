import {describe, expect, it} from 'vitest';
import {selectRemotes} from '../../../source/core/config/select.js';
import type {ResolvedRemote} from '../../../source/core/config/schema.js';
import {UsageError} from '../../../source/core/errors.js';

function remote(name: string, priority: number, group?: string): ResolvedRemote {
	return {name, url: `https://example.com/${name}.git`, inGit: true, configured: true, priority, branches: ['*'], forcePush: 'block', retry: 3, timeoutSeconds: 30, stallTimeoutSeconds: 10, group, enabled: true, tags: 'follow'};
}

// Already in priority order, as loadConfig returns them.
const remotes = [remote('origin', 1), remote('github', 2, 'mirrors'), remote('gitlab', 2, 'mirrors'), remote('backup.nas', 3, 'backup')];
const names = (list: ResolvedRemote[]) => list.map(r => r.name);

function usageError(run: () => unknown): UsageError {
	try {
		run();
	} catch (error) {
		if (error instanceof UsageError) return error;
		throw error;
	}

	throw new Error('expected a UsageError');
}

describe('--remote and --group select remotes (SPEC §1)', () => {
	it('selects everything when nothing is asked for', () => {
		expect(selectRemotes(remotes, {})).toEqual(remotes);
	});

	it('takes names comma-separated and repeated, trimmed, in priority order', () => {
		expect(names(selectRemotes(remotes, {names: ['backup.nas, gitlab', ' origin ']}))).toEqual(['origin', 'gitlab', 'backup.nas']);
		expect(names(selectRemotes(remotes, {names: ['github,github,']}))).toEqual(['github']);
	});

	it('rejects an unknown name, listing the known ones', () => {
		const error = usageError(() => selectRemotes(remotes, {names: ['origin,gitlap']}));
		expect(error.exitCode).toBe(2);
		expect(error.message).toBe('unknown remote "gitlap" (did you mean "gitlab"?); known remotes: origin, github, gitlab, backup.nas');
	});

	it('rejects an empty --remote', () => {
		expect(usageError(() => selectRemotes(remotes, {names: [' , ']})).message).toMatch(/^--remote needs a remote name; known remotes: origin/);
	});

	it('selects a group', () => {
		expect(names(selectRemotes(remotes, {group: 'mirrors'}))).toEqual(['github', 'gitlab']);
	});

	it('rejects an unknown group, listing the known ones', () => {
		expect(usageError(() => selectRemotes(remotes, {group: 'mirror'})).message).toBe('unknown group "mirror" (did you mean "mirrors"?); known groups: backup, mirrors');
		expect(usageError(() => selectRemotes([remote('a', 1)], {group: 'x'})).message).toMatch(/no remote has a "group"/);
	});

	it('needs both to match when both are given', () => {
		expect(names(selectRemotes(remotes, {names: ['origin,gitlab'], group: 'mirrors'}))).toEqual(['gitlab']);
		expect(() => selectRemotes(remotes, {names: ['origin'], group: 'mirrors'})).toThrow(UsageError);
	});
});
