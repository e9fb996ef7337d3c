import {describe, expect, it} from 'vitest';
import {mergeLayers} from '../../../source/core/config/merge.js';

describe('deep merge: a later layer changes only the keys it names', () => {
	it('merges remotes per remote and per key', () => {
		const merged = mergeLayers([
			{remotes: {origin: {priority: 2, branches: ['main'], group: 'a'}, backup: {retry: 1}}},
			{remotes: {origin: {retry: 5}}},
			{remotes: {origin: {priority: 9}}},
		]);
		expect(merged).toEqual({remotes: {origin: {priority: 9, branches: ['main'], group: 'a', retry: 5}, backup: {retry: 1}}});
	});

	it('replaces lists instead of concatenating them', () => {
		expect(mergeLayers([{remotes: {o: {branches: ['a', 'b']}}}, {remotes: {o: {branches: ['c']}}}])).toEqual({remotes: {o: {branches: ['c']}}});
	});

	it('merges vpn entries per key', () => {
		const merged = mergeLayers([{vpn: {corp: {connect_cmd: 'up', timeout: 10}}}, {vpn: {corp: {check_cmd: 'check'}}}]);
		expect(merged.vpn).toEqual({corp: {connect_cmd: 'up', timeout: 10, check_cmd: 'check'}});
	});

	it('lets a value of another shape replace the old one', () => {
		const merged = mergeLayers([{remotes: {o: {vpn: {connect_cmd: 'up'}}}}, {remotes: {o: {vpn: 'corp'}}}]);
		expect(merged.remotes?.o?.vpn).toBe('corp');
	});

	it('keeps false and 0 from a later layer, and leaves inputs untouched', () => {
		const user = {parallel: true, remotes: {o: {priority: 3}}};
		const merged = mergeLayers([user, {parallel: false, remotes: {o: {priority: 0}}}]);
		expect(merged).toEqual({parallel: false, remotes: {o: {priority: 0}}});
		expect(user).toEqual({parallel: true, remotes: {o: {priority: 3}}});
	});

	it('ignores a "__proto__" key instead of changing the prototype', () => {
		const merged = mergeLayers([JSON.parse('{"__proto__": {"polluted": true}, "parallel": false}')]);
		expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
		expect((merged as Record<string, unknown>).polluted).toBeUndefined();
	});
});
