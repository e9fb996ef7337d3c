import {assertNever, type SyncEvent} from '../core/events.js';
import {shownText} from '../core/text/shown-text.js';
import type {EventAction, EventLine, EventLineOf} from './schema/event-line.js';
import {healthRow, queueDocument, resultDocument, statusRow, type JsonDocument} from './json.js';
import {ProgressThrottle} from './progress-throttle.js';

/**
 * The `--events` reporter: every engine event, as it happens, as one line of JSON on stdout
 * (schema/output/events.schema.json), ending with a summary line that carries the document
 * `--json` would have printed. One write per line, so a CI log shows each line when it is made.
 */

export type EventSource = {on(listener: (event: SyncEvent) => void): () => void};

export type EventSummary = {action: EventAction; exitCode: number; document: JsonDocument};

export type EventStream = {
	/** The last line. Stops listening: nothing may follow the summary. */
	end(summary: EventSummary): void;
	/** Stops listening without a summary (the run failed before it had one). */
	stop(): void;
};

/** A few progress lines per second per operation; a new phase always gets its line. */
const progressIntervalMs = 250;

export function streamEvents(source: EventSource, write: (text: string) => void, now: () => number = Date.now): EventStream {
	const throttle = new ProgressThrottle({intervalMs: progressIntervalMs, phaseChangesPass: true}, now);
	const time = (at = now()) => new Date(at).toISOString();
	const unsubscribe = source.on(event => {
		for (const line of linesFor(event, throttle, time)) write(eventLineText(line));
	});
	return {
		end(summary) {
			unsubscribe();
			write(summaryLineText(summary, now));
		},
		stop: unsubscribe,
	};
}

/** The summary line alone, for a run that has no events (a push inside our own push). */
export function summaryLineText({action, exitCode, document}: EventSummary, now: () => number = Date.now): string {
	return eventLineText({type: 'summary', time: new Date(now()).toISOString(), remote: null, action, exitCode, document});
}

/** The one way out: every line printed passes here, cleaned, as exactly one write. */
function eventLineText(line: EventLine): string {
	return `${JSON.stringify(cleanStrings(line))}\n`;
}

function linesFor(event: SyncEvent, throttle: ProgressThrottle, time: (at?: number) => string): EventLine[] {
	switch (event.type) {
		case 'operation-started': {
			return [{type: 'operation-started', time: time(event.at), remote: event.remote, operation: event.id, kind: event.kind, ...branchOf(event.branch)}];
		}

		case 'phase': {
			const verdict = throttle.admit(event.id, event.progress.phase);
			if (!verdict) return [];
			const {phase, percent, bytes, bytesPerSecond} = event.progress;
			const line: EventLineOf<'phase' | 'progress'> = {type: verdict, time: time(), remote: event.remote, operation: event.id, ...branchOf(event.branch), phase};
			if (percent !== undefined) line.percent = percent;
			if (bytes !== undefined) line.bytes = bytes;
			if (bytesPerSecond !== undefined) line.bytesPerSecond = bytesPerSecond;
			return [line];
		}

		case 'command': {
			return [
				{
					type: 'command',
					time: time(),
					remote: event.remote ?? null,
					operation: event.id,
					argv: event.argv,
					durationMs: event.durationMs,
					exitCode: event.exitCode,
					...(event.failure ? {errorClass: event.failure.class} : {}),
				},
			];
		}

		case 'result': {
			return [{type: 'result', time: time(), remote: event.result.remote, operation: event.id, kind: event.kind, result: resultDocument(event.result)}];
		}

		case 'health': {
			return [{type: 'health', time: time(), remote: event.result.name, operation: event.id, result: healthRow(event.result)}];
		}

		case 'status': {
			const at = time();
			return event.report.remotes.map(remote => ({type: 'status', time: at, remote: remote.remote, branch: event.report.branch, status: statusRow(remote)}));
		}

		case 'vpn': {
			const {name, state, reason} = event.state;
			return [{type: 'vpn', time: time(), remote: null, vpn: name, state, ...(reason ? {reason} : {})}];
		}

		case 'queue-changed': {
			return [{type: 'queue-changed', time: time(), remote: null, entries: queueDocument(event.entries).entries}];
		}

		case 'warning': {
			return [{type: 'warning', time: time(), remote: null, message: event.message}];
		}

		case 'operation-finished': {
			throttle.forget(event.id);
			return [{type: 'operation-finished', time: time(), remote: event.remote, operation: event.id, kind: event.kind, ...branchOf(event.branch), durationMs: event.durationMs}];
		}

		default: {
			return assertNever(event);
		}
	}
}

const branchOf = (branch: string | undefined) => (branch === undefined ? {} : {branch});

/**
 * Every string of a line goes through the project's one cleaning (escapes stripped, secrets redacted), whatever field it sits
 * in: a field added later cannot forget it. (JSON.stringify then escapes control bytes.)
 */
function cleanStrings<T>(value: T): T {
	if (typeof value === 'string') return shownText(value) as T;
	if (Array.isArray(value)) return value.map(item => cleanStrings(item)) as T;
	if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cleanStrings(item)])) as T;
	return value;
}
