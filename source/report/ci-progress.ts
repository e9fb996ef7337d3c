import type {SyncEvent} from '../core/events.js';
import {shownText} from '../core/text/shown-text.js';
import type {OperationKind, Progress} from '../core/model.js';
import type {EventSource} from './event-stream.js';
import {branchPair, formatDuration} from './format.js';
import {ProgressThrottle} from './progress-throttle.js';

/**
 * Progress for a CI log (text mode, `CI` set, no terminal): whole lines, never a spinner or
 * a carriage return, and calm — per operation a line when it starts, a line for its phase or
 * progress at most every few seconds, and a line for its result. The final text report
 * still follows on stdout; these lines go to stderr with the other notes.
 */

const calmIntervalMs = 3000;

export function followCiProgress(source: EventSource, writeLine: (text: string) => void, now: () => number = Date.now): () => void {
	const throttle = new ProgressThrottle({intervalMs: calmIntervalMs, phaseChangesPass: false}, now);
	const targets = new Map<string, string>();
	const say = (text: string) => writeLine(shownText(text));
	return source.on((event: SyncEvent) => {
		switch (event.type) {
			case 'operation-started': {
				// Under branch_map the line says where it goes: push origin/main → master.
				const target = `${label(event.kind)} ${event.remote}${event.branch && event.branch !== '*' ? `/${branchPair(event.branch, event.remoteBranch)}` : ''}`;
				targets.set(event.id, target);
				say(`${target}: started`);
				// The start is a line of its own: the first phase within the interval stays quiet.
				throttle.admit(event.id, 'connecting');
				break;
			}

			case 'phase': {
				const target = targets.get(event.id);
				if (target && throttle.admit(event.id, event.progress.phase)) say(`${target}: ${describe(event.progress)}`);
				break;
			}

			case 'result': {
				const {status, durationMs, error, tag} = event.result;
				// A push's tag line shares its operation: name the tag, not the branch again.
				const target = tag === undefined ? (targets.get(event.id) ?? event.result.remote) : `${label(event.kind)} ${event.result.remote} tag ${tag}`;
				say(`${target}: ${status} in ${formatDuration(durationMs)}${error ? ` — ${error}` : ''}`);
				break;
			}

			case 'operation-finished': {
				throttle.forget(event.id);
				targets.delete(event.id);
				break;
			}

			default: {
				// Commands, VPN, queue and status changes are in the final report (and --verbose).
				break;
			}
		}
	});
}

function label(kind: OperationKind): string {
	return kind === 'process-queue' ? 'queued push' : kind;
}

function describe(progress: Progress): string {
	const parts: string[] = [progress.phase];
	if (progress.percent !== undefined) parts.push(`${progress.percent}%`);
	if (progress.bytes !== undefined) parts.push(`${(progress.bytes / 1024 / 1024).toFixed(1)} MiB`);
	if (progress.bytesPerSecond !== undefined) parts.push(`at ${(progress.bytesPerSecond / 1024).toFixed(0)} KiB/s`);
	return parts.join(' ');
}
