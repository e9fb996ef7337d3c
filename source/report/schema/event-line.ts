import * as z from 'zod';
import {fieldContract, type SchemaHeader} from '../../core/published-schema.js';
import type {JsonDocument} from '../json.js';
import {errorClasses, operationKinds, phases, vpnStates} from './enums.js';
import {publishedElsewhere} from './fields.js';
import {healthRowSchema} from './health-document.js';
import {resultSchema} from './operation-document.js';
import {queueEntrySchema} from './queue-document.js';
import {statusRowSchema} from './status-document.js';

/**
 * The lines `--events` prints (newline-delimited JSON), as one zod schema: the reporter's
 * TypeScript types come from it (event-stream.ts builds `EventLine`s) and the published
 * schema/output/events.schema.json is generated from it, so neither can drift from the other.
 * Payloads that `--json` also prints are not described twice: they are typed by their document
 * schemas and point (`$ref`) at the published document schemas beside this one.
 */

export const eventActions = ['status', 'push', 'push-all', 'fetch', 'health-check', 'show-queue', 'process-queue', 'clear-queue', 'import-legacy-queue'] as const;
export type EventAction = (typeof eventActions)[number];

const envelope = {
	time: z.iso.datetime().describe('When the event happened (ISO 8601, UTC).'),
	remote: z.string().min(1).nullable().describe('The remote the event is about; null for events about no single remote (VPN, queue, warning, summary).'),
};
const operation = z.string().min(1).describe('Identifies one operation on one remote: its started, phase, progress, command, result and finished lines share it.');
const branch = z.string().optional().describe('The branch, when the operation is about one ("*" for a fetch).');
const progressFields = {
	operation,
	branch,
	phase: z.enum(phases),
	percent: z.number().min(0).max(100).optional().describe('0..100 within the phase, when git reports it.'),
	bytes: z.number().int().min(0).optional().describe('Bytes sent so far (writing phase).'),
	bytesPerSecond: z.number().int().min(0).optional(),
};

export const eventLineSchema = z.discriminatedUnion('type', [
	z.object({type: z.literal('operation-started'), ...envelope, operation, kind: z.enum(operationKinds), branch}).describe('An operation on one remote began.'),
	z.object({type: z.literal('phase'), ...envelope, ...progressFields}).describe('The operation entered a new phase (always printed).'),
	z.object({type: z.literal('progress'), ...envelope, ...progressFields}).describe('Progress within the current phase: at most a few lines per second per remote.'),
	z
		.object({
			type: z.literal('command'),
			...envelope,
			operation,
			argv: z.array(z.string()).describe('The git command line, credentials redacted.'),
			durationMs: z.number().min(0),
			exitCode: z.number().int().nullable().describe('null when git was killed (timeout, interrupt).'),
			errorClass: z.enum(errorClasses).optional(),
		})
		.describe('A git command the operation ran.'),
	z
		.object({
			type: z.literal('result'),
			...envelope,
			operation,
			kind: z.enum(operationKinds),
			result: publishedElsewhere(resultSchema, 'operation.schema.json#/properties/results/items', 'Exactly one entry of the --json results.'),
		})
		.describe('The outcome for one (remote, branch).'),
	z
		.object({
			type: z.literal('health'),
			...envelope,
			operation,
			result: publishedElsewhere(healthRowSchema, 'health.schema.json#/properties/remotes/items', 'Exactly one entry of the --health-check --json remotes.'),
		})
		.describe('The outcome of one health probe.'),
	z
		.object({
			type: z.literal('status'),
			...envelope,
			branch: z.string(),
			status: publishedElsewhere(statusRowSchema, 'status.schema.json#/properties/remotes/items', 'Exactly one entry of the --status --json remotes.'),
		})
		.describe('Where the branch stands on one remote, each time status is computed.'),
	z.object({type: z.literal('vpn'), ...envelope, vpn: z.string().min(1), state: z.enum(vpnStates), reason: z.string().optional()}).describe('A VPN changed state.'),
	z
		.object({
			type: z.literal('queue-changed'),
			...envelope,
			entries: publishedElsewhere(z.array(queueEntrySchema), 'queue.schema.json#/properties/entries', 'The whole offline queue after the change.'),
		})
		.describe('The offline queue changed (or was read).'),
	z.object({type: z.literal('warning'), ...envelope, message: z.string()}).describe('Something a person should know; the run goes on.'),
	z.object({type: z.literal('operation-finished'), ...envelope, operation, kind: z.enum(operationKinds), branch, durationMs: z.number().min(0)}).describe('An operation on one remote ended.'),
	z
		.object({
			type: z.literal('summary'),
			...envelope,
			action: z.enum(eventActions),
			exitCode: z.number().int().describe('The exit code the program ends with (SPEC §6).'),
			document: z.custom<JsonDocument>().meta({
				description: 'Exactly the document --json prints for the same action.',
				anyOf: ['operation', 'status', 'health', 'queue'].map(name => ({$ref: `${name}.schema.json`})),
			}),
		})
		.describe('Always the last line.'),
]);

export type EventLine = z.infer<typeof eventLineSchema>;
export type EventLineOf<T extends EventLine['type']> = Extract<EventLine, {type: T}>;

export const eventsHeader: SchemaHeader = {
	id: 'events.schema.json',
	title: 'remote-sync --events (one line)',
	description:
		`Each line remote-sync --events prints on stdout is one JSON object of this schema, written as it happens; the last line is always the summary. ${fieldContract}. See docs/ci.md.`,
};
