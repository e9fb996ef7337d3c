import {hintFor} from '../git/classify.js';
import {runGit, type GitOutput} from '../git/runner.js';
import type {OperationResult} from '../model.js';
import type {LocalTag} from '../tags/select-tags.js';
import {lsRemoteTagsArgv, tagRef} from './argv.js';
import {shaFromLsRemote} from './plan.js';
import {parsePorcelain, rejectionClass} from './porcelain.js';
import type {PushRequest} from './push-request.js';

/**
 * What a push did with the tags it carried, from each tag's own porcelain line: `*` sent
 * (dry-run: would send), `=` already there, `!` refused. A tag the remote has elsewhere is
 * refused by git itself ("already exists": our refspecs never force) and becomes its own
 * `blocked` line naming both shas; the remote's sha comes from one ls-remote, run only then.
 */

/** A tag's own result line; pushOne sets its duration and attempts to the push's. */
type TagLine = OperationResult;

/** `delivered`: the tags the remote now holds as we do (sent or already there), outside a dry-run. */
export type TagOutcome = {sent: string[]; delivered: LocalTag[]; lines: TagLine[]};

type Context = {request: PushRequest; target: string};

export async function tagOutcome(output: GitOutput | undefined, tags: readonly LocalTag[], {request, target}: Context): Promise<TagOutcome> {
	if (!output || tags.length === 0 || output.timedOut || output.aborted) return {sent: [], delivered: [], lines: []};
	// By destination: a pattern refspec reports thousands of tags, one lookup each.
	const byRef = new Map(parsePorcelain(output.stdout).refs.map(outcome => [outcome.to, outcome]));
	const sent: string[] = [];
	const delivered: LocalTag[] = [];
	const moved: LocalTag[] = [];
	const lines: TagLine[] = [];
	const {remote, branch} = request;
	for (const tag of tags) {
		const outcome = byRef.get(tagRef(tag.name));
		if (!outcome) continue;
		if (outcome.kind !== 'rejected' && !request.dryRun) delivered.push(tag);
		if (outcome.kind === 'up-to-date') continue;
		if (outcome.kind !== 'rejected') sent.push(tag.name);
		else if (/already exists/i.test(outcome.reason ?? '')) moved.push(tag);
		else {
			const errorClass = rejectionClass(outcome);
			const message = `${remote.name} rejected tag ${tag.name}: ${outcome.reason ?? outcome.summary}`;
			lines.push({remote: remote.name, branch, tag: tag.name, sha: tag.sha, status: 'rejected', errorClass, message, durationMs: 0, attempts: 1, error: `${message} — ${hintFor(errorClass)}`});
		}
	}

	if (moved.length > 0) {
		const theirs = await remoteShas(moved, request, target);
		for (const tag of moved) lines.push(movedTagLine(tag, theirs.get(tag.name), request));
	}

	return {sent, delivered, lines};
}

async function remoteShas(tags: readonly LocalTag[], request: PushRequest, target: string): Promise<Map<string, string>> {
	const listed = await runGit({args: lsRemoteTagsArgv(target, tags.map(tag => tag.name)), cwd: request.cwd, timeoutMs: request.remote.timeoutSeconds * 1000, signal: request.signal});
	request.onCommand?.(listed);
	const shas = new Map<string, string>();
	if (listed.exitCode !== 0 || listed.timedOut || listed.aborted) return shas;
	for (const tag of tags) {
		const sha = shaFromLsRemote(listed.stdout, tagRef(tag.name));
		if (sha) shas.set(tag.name, sha);
	}

	return shas;
}

function movedTagLine(tag: LocalTag, theirs: string | undefined, request: PushRequest): TagLine {
	const {remote, branch, dryRun} = request;
	const there = theirs ? `it points to ${theirs.slice(0, 7)} there, to ${tag.sha.slice(0, 7)} here` : `it points elsewhere there (ours: ${tag.sha.slice(0, 7)})`;
	const message = `${dryRun ? 'Would refuse' : 'Refusing'} to overwrite tag ${tag.name} on ${remote.name}: ${there}`;
	const both = `${remote.name} has tag ${tag.name} at ${theirs ?? 'another object'}, this repository at ${tag.sha}`;
	return {
		remote: remote.name,
		branch,
		tag: tag.name,
		sha: tag.sha,
		...(theirs ? {remoteSha: theirs} : {}),
		status: dryRun ? 'would-block' : 'blocked',
		durationMs: 0,
		attempts: 1,
		message,
		error: `${both}; a moved tag is never overwritten (everyone who fetched it keeps the old one) — if the remote's tag is the wrong one, delete it there first (git push ${remote.name} :refs/tags/${tag.name}) and push again; else give the local tag a new name`,
	};
}

/** A report's results with each push's tag lines right after it (they count in the summary: a moved tag exits 1). */
export function withTagLines(results: readonly OperationResult[]): OperationResult[] {
	return results.flatMap(({tagResults, ...result}) => [result, ...(tagResults ?? [])]);
}
