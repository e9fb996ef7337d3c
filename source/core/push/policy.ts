import type {ForcePushPolicy} from '../config/schema.js';
import type {PushPlanKind} from '../model.js';

/**
 * Force-push protection (SPEC §4 and "Fixed on purpose"): what to do with a plan.
 * `block` refuses always, even with --force; `warn` needs --force (headless) or a
 * confirmation (dashboard, which then passes force: true); `allow` proceeds. Whatever
 * proceeds with a non-fast-forward goes out with a lease, never a plain --force.
 */
export type PushDecision =
	/** Nothing to send. */
	| 'up-to-date'
	/** A plain push: new branch or fast-forward. */
	| 'push'
	/** A push with --force-with-lease on the sha we saw. */
	| 'force-with-lease'
	/** force_push: block. */
	| 'block'
	/** force_push: warn without --force or a confirmation. */
	| 'needs-force'
	| 'skip';

export function decidePush(kind: PushPlanKind, policy: ForcePushPolicy, force: boolean): PushDecision {
	switch (kind) {
		case 'up-to-date':
			return 'up-to-date';
		case 'create':
		case 'fast-forward':
			return 'push';
		case 'blocked':
			return 'block';
		case 'skipped':
			return 'skip';
		case 'force':
		case 'needs-confirmation':
			if (policy === 'block') return 'block';
			if (policy === 'warn' && !force) return 'needs-force';
			return 'force-with-lease';
	}
}
