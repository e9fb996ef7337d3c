import type {ErrorClass} from '../model.js';

/**
 * Reads `git push --porcelain` stdout (documented in git-push(1), OUTPUT):
 *
 *   To /srv/git/repo.git
 *   +	HEAD:refs/heads/main	928f9c2...73a6aca (forced update)
 *   !	HEAD:refs/heads/dev	[rejected] (stale info)
 *   Done
 *
 * one `<flag>\t<from>:<to>\t<summary> (<reason>)` line per ref. This, not stderr, is
 * what says whether a ref was updated: stderr holds only progress, hints and hook output.
 */

export type RefOutcomeKind = 'fast-forward' | 'forced' | 'deleted' | 'new' | 'rejected' | 'up-to-date';

const flags: Record<string, RefOutcomeKind> = {
	' ': 'fast-forward',
	'+': 'forced',
	'-': 'deleted',
	'*': 'new',
	'!': 'rejected',
	'=': 'up-to-date',
};

export type RefOutcome = {
	kind: RefOutcomeKind;
	/** Local side: a sha, a ref, or empty for a delete. */
	from: string;
	/** Remote ref, e.g. refs/heads/main. */
	to: string;
	/** "[rejected]", "928f9c2...73a6aca", "[new branch]", "[up to date]". */
	summary: string;
	/** The parenthesised reason: "non-fast-forward", "stale info", "pre-receive hook declined". */
	reason?: string;
};

export type PorcelainReport = {
	/** The "To <url>" line, as git printed it (may hold credentials: redact before showing). */
	url?: string;
	refs: RefOutcome[];
	/** git printed "Done": it got as far as reporting every ref. */
	done: boolean;
};

const refLine = /^([ +\-*!=])\t([^\t]*)\t(.*)$/;

function parseRefLine(line: string): RefOutcome | undefined {
	const match = refLine.exec(line);
	if (!match) return undefined;
	const [, flag = '', refs = '', rest = ''] = match;
	const kind = flags[flag];
	if (!kind) return undefined;
	// Ref names cannot contain ':', so the first one separates the two sides.
	const colon = refs.indexOf(':');
	const from = colon === -1 ? '' : refs.slice(0, colon);
	const to = colon === -1 ? refs : refs.slice(colon + 1);
	const reasonMatch = /^(.*?)\s*\(([^()]*)\)$/.exec(rest);
	const outcome: RefOutcome = {kind, from, to, summary: (reasonMatch?.[1] ?? rest).trim()};
	if (reasonMatch?.[2]) outcome.reason = reasonMatch[2];
	return outcome;
}

export function parsePorcelain(stdout: string): PorcelainReport {
	const report: PorcelainReport = {refs: [], done: false};
	for (const line of stdout.split(/\r?\n/)) {
		if (line.startsWith('To ')) report.url = line.slice(3).trim();
		else if (line.trim() === 'Done') report.done = true;
		else {
			const outcome = parseRefLine(line);
			if (outcome) report.refs.push(outcome);
		}
	}

	return report;
}

/** The outcome for one remote ref, if git reported it. */
export function outcomeFor(report: PorcelainReport, ref: string): RefOutcome | undefined {
	return report.refs.find(outcome => outcome.to === ref);
}

export function isUpdated(outcome: RefOutcome): boolean {
	return outcome.kind !== 'rejected';
}

/** A hook that declined the update is its own class: retrying or forcing cannot help. */
export function rejectionClass(outcome: RefOutcome): ErrorClass {
	return /hook/i.test(outcome.reason ?? '') ? 'hook-failed' : 'rejected';
}

/** The lease failed: the remote ref is no longer the sha we saw. */
export function isStaleLease(outcome: RefOutcome): boolean {
	return outcome.kind === 'rejected' && /stale info/i.test(outcome.reason ?? '');
}
