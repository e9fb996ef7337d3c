import {describe, expect, it} from 'vitest';
import type {SyncEvent, SyncEventType} from '../../source/core/events.js';
import type {OperationResult} from '../../source/core/model.js';
import {EventBus} from '../../source/core/service/event-bus.js';
import {followCiProgress} from '../../source/report/ci-progress.js';
import {eventLineSchema} from '../../source/report/schema/event-line.js';
import {streamEvents} from '../../source/report/event-stream.js';
import {operationDocument} from '../../source/report/json.js';
import {ProgressThrottle} from '../../source/report/progress-throttle.js';
import {compileOutputSchema, schemaErrors} from '../setup/json-validator.js';

const validate = compileOutputSchema('events');
const sha = 'a'.repeat(40);
const token = 'https://ci:SECRET-TOKEN@git.example.invalid/x.git';
const failedPush: OperationResult = {remote: 'origin', branch: 'main', status: 'failed', durationMs: 3, attempts: 2, error: `could not read ${token}`, errorClass: 'unreachable', vpn: 'corp', sha, output: 'raw'};

/** One event of every type the engine emits, optional fields filled, foreign text with a token. */
const everyEvent: Record<SyncEventType, SyncEvent> = {
	'operation-started': {type: 'operation-started', id: 'op-1', kind: 'push', remote: 'origin', branch: 'main', at: 0},
	phase: {type: 'phase', id: 'op-1', remote: 'origin', branch: 'main', progress: {phase: 'writing', percent: 40, bytes: 1024, bytesPerSecond: 512}},
	command: {type: 'command', id: 'op-1', remote: 'origin', argv: ['git', 'push', '--', token], durationMs: 12, exitCode: null, failure: {class: 'timeout', message: 'm'}},
	result: {type: 'result', id: 'op-1', kind: 'push', result: failedPush},
	health: {type: 'health', id: 'op-2', result: {name: 'origin', url: 'u', reachable: false, class: 'timeout', latencyMs: 0, error: 'e', vpn: 'corp'}},
	status: {type: 'status', report: {branch: 'main', local: sha, remotes: [{remote: 'origin', priority: 1, branch: 'main', state: 'ahead', ahead: 1, behind: 0, local: sha, fetchError: {class: 'timeout', message: 'm'}}], divergence: [], queue: {pending: 0}}},
	vpn: {type: 'vpn', state: {name: 'corp', state: 'failed', reason: `login ${token}`}},
	'queue-changed': {type: 'queue-changed', entries: [{remote: 'origin', branch: 'main', sha, attempts: 1, lastError: 'e', queuedAt: new Date(0).toISOString(), lastAttemptAt: new Date(0).toISOString()}]},
	warning: {type: 'warning', message: `retrying ${token}`},
	'operation-finished': {type: 'operation-finished', id: 'op-1', kind: 'push', remote: 'origin', branch: 'main', durationMs: 5},
};

function capture(now: () => number = () => 0) {
	const bus = new EventBus();
	const written: string[] = [];
	const stream = streamEvents(bus, text => written.push(text), now);
	return {bus, stream, written, lines: () => written.map(text => JSON.parse(text) as {type: string; [key: string]: unknown})};
}

describe('--events lines', () => {
	it('every engine event becomes lines of the published schema, each one write ending in a newline, summary last', () => {
		const {bus, stream, written, lines} = capture();
		for (const event of Object.values(everyEvent)) bus.emit(event);
		const report = {results: [{...failedPush, error: 'connection refused'}], summary: {succeeded: 0, failed: 1, blocked: 0, skipped: 0, queued: 0}};
		stream.end({action: 'push', exitCode: 1, document: operationDocument(report)});
		bus.emit(everyEvent.warning); // after the summary: not printed

		for (const text of written) {
			expect(text.endsWith('\n') && !text.slice(0, -1).includes('\n'), text).toBe(true);
			expect(schemaErrors(validate, JSON.parse(text)), text).toBe('');
		}

		const types = lines().map(line => line.type);
		expect(types).toEqual(['operation-started', 'phase', 'command', 'result', 'health', 'status', 'vpn', 'queue-changed', 'warning', 'operation-finished', 'summary']);
		// Every type the schema allows is produced by some engine event (or the end).
		expect([...new Set(types), 'progress'].sort()).toEqual(eventLineSchema.options.map(option => option.shape.type.value).sort());
		for (const line of lines()) expect(line).toHaveProperty('remote');
		expect(lines().at(-1)).toMatchObject({type: 'summary', remote: null, action: 'push', exitCode: 1, document: operationDocument(report)});
	});

	it('credentials in any field are redacted', () => {
		const {bus, written} = capture();
		for (const event of Object.values(everyEvent)) bus.emit(event);
		const all = written.join('');
		expect(all).toContain('https://***@git.example.invalid');
		expect(all).not.toContain('SECRET-TOKEN');
	});

	it('progress: a new phase always gets a line, the same phase at most one line per 250 ms', () => {
		let clock = 1000;
		const {bus, lines} = capture(() => clock);
		const progress = (phase: 'counting' | 'writing', percent: number) => bus.emit({type: 'phase', id: 'op-1', remote: 'origin', progress: {phase, percent}});
		for (let percent = 0; percent < 50; percent++) progress('counting', percent);
		progress('writing', 0); // a new phase, within the same millisecond: printed
		for (let percent = 1; percent < 50; percent++) progress('writing', percent); // flood: dropped
		clock += 250;
		progress('writing', 60);
		expect(lines().map(line => [line.type, line.phase, line.percent])).toEqual([
			['phase', 'counting', 0],
			['phase', 'writing', 0],
			['progress', 'writing', 60],
		]);
	});
});

describe('CI progress lines', () => {
	it('are calm: start, at most one line per operation every 3 s (new phases too), and the result; no carriage return', () => {
		let clock = 0;
		const bus = new EventBus();
		const said: string[] = [];
		const stop = followCiProgress(bus, text => said.push(text), () => clock);
		bus.emit(everyEvent['operation-started']);
		for (const phase of ['connecting', 'counting', 'compressing', 'writing'] as const) bus.emit({type: 'phase', id: 'op-1', remote: 'origin', branch: 'main', progress: {phase}});
		clock += 3000;
		bus.emit({type: 'phase', id: 'op-1', remote: 'origin', branch: 'main', progress: {phase: 'writing', percent: 50, bytes: 3 * 1024 * 1024}});
		bus.emit({type: 'phase', id: 'op-1', remote: 'origin', branch: 'main', progress: {phase: 'resolving', percent: 10}});
		bus.emit(everyEvent.result);
		bus.emit(everyEvent['operation-finished']);
		stop();
		bus.emit(everyEvent['operation-started']);
		expect(said).toEqual(['push origin/main: started', 'push origin/main: writing 50% 3.0 MiB', 'push origin/main: failed in 3ms — could not read https://***@git.example.invalid/x.git']);
		for (const line of said) expect(line).not.toMatch(/[\r\n\u001B]/);
	});

	it('the throttle keeps each operation apart', () => {
		const throttle = new ProgressThrottle({intervalMs: 3000, phaseChangesPass: false}, () => 0);
		expect(throttle.admit('a', 'counting')).toBe('phase');
		expect(throttle.admit('b', 'counting')).toBe('phase');
		expect(throttle.admit('a', 'writing')).toBeUndefined();
		throttle.forget('a');
		expect(throttle.admit('a', 'writing')).toBe('phase');
	});
});
