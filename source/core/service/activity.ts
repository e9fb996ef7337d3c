import type {OperationKind, OperationResult, Progress} from '../model.js';
import {shownText} from '../text/shown-text.js';
import type {ServiceContext} from './context.js';

/**
 * A result's words enter the snapshot and the event stream inert and redacted: they quote
 * git, a remote's hook and commit subjects, and name remotes and branches from outside.
 * (remote and branch stay as they are: they are identifiers the UI acts on.)
 */
function inertResult(result: OperationResult): OperationResult {
	const text = (value: string) => shownText(value, {multiline: true});
	return {
		...result,
		...(result.message === undefined ? {} : {message: text(result.message)}),
		...(result.error === undefined ? {} : {error: text(result.error)}),
		...(result.output === undefined ? {} : {output: text(result.output)}),
		...(result.wouldLose === undefined ? {} : {wouldLose: result.wouldLose.map(subject => shownText(subject))}),
		...(result.tagResults === undefined ? {} : {tagResults: result.tagResults.map(inertResult)}),
	};
}

/**
 * The life of one operation on one remote, as events and as the remote's row in the
 * snapshot: started → phases → result → finished. Operations call these; nothing else
 * touches `activity`.
 */
export type OperationHandle = {
	id: string;
	progress(progress: Progress): void;
	finish(result?: OperationResult): void;
};

/** Operations that change a remote or the queue: quitting in their middle must be asked (SPEC §5). Reads are simply stopped. */
export function writes(kind: OperationKind): boolean {
	return kind === 'push' || kind === 'process-queue';
}

/** The branch an operation is about, and its name on the remote when branch_map renames it (branchNames). */
export type OperationTarget = {branch?: string; remoteBranch?: string};

export function startOperation(context: ServiceContext, kind: OperationKind, remote: string, {branch, remoteBranch}: OperationTarget = {}): OperationHandle {
	const id = context.nextId();
	const startedAt = Date.now();
	const writing = writes(kind) ? 1 : 0;
	context.bus.emit({type: 'operation-started', id, kind, remote, branch, ...(remoteBranch === undefined ? {} : {remoteBranch}), at: startedAt});
	context.store.updateRow(remote, row => ({...row, activity: {id, kind, branch, startedAt}}));
	context.store.update(snapshot => ({...snapshot, running: snapshot.running + 1, writing: snapshot.writing + writing}));

	let finished = false;
	return {
		id,
		progress(progress) {
			if (finished) return;
			context.bus.emit({type: 'phase', id, remote, branch, progress});
			context.store.updateRow(remote, row => (row.activity?.id === id ? {...row, activity: {...row.activity, progress}} : row));
		},
		finish(outcome) {
			if (finished) return;
			finished = true;
			const result = outcome && inertResult(outcome);
			const durationMs = Date.now() - startedAt;
			// A push's tag lines are results of their own (a moved tag is blocked), in the stream as in --json.
			for (const line of result ? [result, ...(result.tagResults ?? [])] : []) {
				const {tagResults: _lines, ...shown} = line;
				context.bus.emit({type: 'result', id, kind, result: shown});
				const level = line.status === 'failed' || line.status === 'rejected' ? 'error' : line.status === 'blocked' || line.status === 'queued' ? 'warn' : 'info';
				const what = line.tag === undefined ? (branch && branch !== '*' ? `/${branch}` : '') : ` tag ${line.tag}`;
				context.store.log({
					level,
					text: `${kind} ${remote}${what}: ${line.status}${line.error ? ` — ${line.error}` : line.message ? ` — ${line.message}` : ''}`,
					durationMs: line.durationMs,
				});
			}

			context.bus.emit({type: 'operation-finished', id, kind, remote, branch, durationMs});
			context.store.updateRow(remote, row => ({
				...row,
				activity: row.activity?.id === id ? undefined : row.activity,
				lastResult: result ? {...result, kind, finishedAt: Date.now()} : row.lastResult,
			}));
			context.store.update(snapshot => ({...snapshot, running: Math.max(0, snapshot.running - 1), writing: Math.max(0, snapshot.writing - writing)}));
		},
	};
}

/**
 * Runs `body` as one operation that always finishes: even if the body throws, the row's
 * activity clears and `running` comes back down (a leaked count would make quit ask forever).
 */
export async function withOperation<T>(
	context: ServiceContext,
	kind: OperationKind,
	remote: string,
	target: OperationTarget,
	body: (operation: OperationHandle) => Promise<T>,
): Promise<T> {
	const operation = startOperation(context, kind, remote, target);
	try {
		return await body(operation);
	} finally {
		operation.finish();
	}
}
