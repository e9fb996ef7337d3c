import {describe, expect, it} from 'vitest';
import {editDistance, suggest} from '../../../source/core/config/did-you-mean.js';

describe('did you mean', () => {
	it('counts a swap of neighbours as one edit (Damerau)', () => {
		expect(editDistance('priority', 'priority')).toBe(0);
		expect(editDistance('priorty', 'priority')).toBe(1);
		expect(editDistance('prioirty', 'priority')).toBe(1);
		expect(editDistance('kitten', 'sitting')).toBe(3);
		expect(editDistance('', 'abc')).toBe(3);
	});

	it('suggests the key a typo meant', () => {
		const keys = ['max_workers', 'parallel', 'offline_queue', 'remotes', 'vpn'];
		expect(suggest('max_worker', keys)).toBe('max_workers');
		expect(suggest('maxWorkers', keys)).toBe('max_workers');
		expect(suggest('paralel', keys)).toBe('parallel');
		expect(suggest('offline-queue', keys)).toBe('offline_queue');
		expect(suggest('remote', keys)).toBe('remotes');
	});

	it('suggests nothing for a word that is not close', () => {
		expect(suggest('colour', ['max_workers', 'parallel'])).toBeUndefined();
		expect(suggest('x', ['vpn'])).toBeUndefined();
		expect(suggest('anything', [])).toBeUndefined();
	});
});
