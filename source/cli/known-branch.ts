import {didYouMean} from '../core/config/did-you-mean.js';
import {UsageError} from '../core/errors.js';

const listed = 8;

/**
 * `--branch NAME` for an action that pushes or shows that branch must name a local branch: a
 * typo is a usage error (exit 2) with a "did you mean", never an empty result that exits 0.
 * The name is quoted as JSON so whatever it holds (control bytes) is shown inert.
 */
export function requireLocalBranch(name: string, localBranches: readonly string[]): void {
	if (localBranches.includes(name)) return;
	const hint = didYouMean(name, localBranches);
	const some = localBranches.slice(0, listed).join(', ') + (localBranches.length > listed ? ', …' : '');
	const next = localBranches.length === 0 ? 'make a first commit, or drop --branch' : `pass one of: ${some}`;
	throw new UsageError(`--branch ${JSON.stringify(name)} names no local branch${hint ? `; ${hint}` : ''} — ${next}`);
}
