import {describe, expect, it} from 'vitest';
import {decidePush} from '../../../source/core/push/policy.js';

describe('force-push protection (SPEC §4)', () => {
	it.each([
		// kind, policy, force, decision
		['force', 'block', false, 'block'],
		['force', 'block', true, 'block'], // --force never overrides block (fixed on purpose)
		['force', 'warn', false, 'needs-force'],
		['force', 'warn', true, 'force-with-lease'],
		['force', 'allow', false, 'force-with-lease'], // allow really forces (fixed on purpose)
		['force', 'allow', true, 'force-with-lease'],
		['fast-forward', 'block', false, 'push'],
		['create', 'block', false, 'push'],
		['up-to-date', 'allow', true, 'up-to-date'],
		['skipped', 'allow', true, 'skip'],
	] as const)('%s under %s (force %s) → %s', (kind, policy, force, decision) => {
		expect(decidePush(kind, policy, force)).toBe(decision);
	});
});
