import * as z from 'zod';
import type {ErrorClass, OperationKind, PushPhase, VpnStateKind} from '../core/model.js';
import type {healthRow, JsonDocument, queueDocument, resultDocument, statusRow} from './json.js';

/**
 * The lines `--events` prints (newline-delimited JSON), as one zod schema: the reporter's
 * TypeScript types come from it (event-stream.ts builds `EventLine`s) and the published
 * schema/output/events.schema.json is generated from it, so neither can drift from the other.
 * Payloads that `--json` also prints are not described twice: they are typed by json.ts and
 * point (`$ref`) at the published document schemas beside this one.
 */

const operationKinds = ['push', 'fetch', 'health', 'status', 'process-queue'] as const;
const phases = ['vpn', 'connecting', 'counting', 'compressing', 'writing', 'resolving', 'done'] as const;
const vpnStates = ['down', 'connecting', 'up', 'up-ours', 'failed', 'disconnecting', 'untrusted'] as const;
const errorClasses = ['unreachable', 'auth-failed', 'host-key', 'timeout', 'rejected', 'not-found', 'hook-failed', 'vpn-down', 'interrupted', 'other'] as const;
export const eventActions = ['status', 'push', 'push-all', 'fetch', 'health-check', 'show-queue', 'process-queue', 'clear-queue', 'import-legacy-queue'] as const;
export type EventAction = (typeof eventActions)[number];

// The lists above must be exactly the model's unions: a value added on either side fails the build.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const exact: [Same<(typeof operationKinds)[number], OperationKind>, Same<(typeof phases)[number], PushPhase>, Same<(typeof vpnStates)[number], VpnStateKind>, Same<(typeof errorClasses)[number], ErrorClass>] = [
	true,
	true,
	true,
	true,
];
void exact;

const ref = (target: string, description: string) => ({$ref: target, description});

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
			result: z.custom<ReturnType<typeof resultDocument>>().meta(ref('operation.schema.json#/properties/results/items', 'Exactly one entry of the --json results.')),
		})
		.describe('The outcome for one (remote, branch).'),
	z
		.object({
			type: z.literal('health'),
			...envelope,
			operation,
			result: z.custom<ReturnType<typeof healthRow>>().meta(ref('health.schema.json#/properties/remotes/items', 'Exactly one entry of the --health-check --json remotes.')),
		})
		.describe('The outcome of one health probe.'),
	z
		.object({
			type: z.literal('status'),
			...envelope,
			branch: z.string(),
			status: z.custom<ReturnType<typeof statusRow>>().meta(ref('status.schema.json#/properties/remotes/items', 'Exactly one entry of the --status --json remotes.')),
		})
		.describe('Where the branch stands on one remote, each time status is computed.'),
	z.object({type: z.literal('vpn'), ...envelope, vpn: z.string().min(1), state: z.enum(vpnStates), reason: z.string().optional()}).describe('A VPN changed state.'),
	z
		.object({
			type: z.literal('queue-changed'),
			...envelope,
			entries: z.custom<ReturnType<typeof queueDocument>['entries']>().meta(ref('queue.schema.json#/properties/entries', 'The whole offline queue after the change.')),
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

/** schema/output/events.schema.json: the schema of one line. */
export function buildEventsSchema(): Record<string, unknown> {
	// Payloads are z.custom (typed by json.ts): 'any' lets their $ref metadata stand for them.
	const {$schema, ...rest} = z.toJSONSchema(eventLineSchema, {target: 'draft-2020-12', unrepresentable: 'any'}) as Record<string, unknown>;
	return {
		$schema,
		title: 'remote-sync --events (one line)',
		description:
			'Each line remote-sync --events prints on stdout is one JSON object of this schema, written as it happens; the last line is always the summary. Fields are a contract: new ones may be added, none renamed or removed. See docs/ci.md.',
		...rest,
	};
}

export function renderEventsSchema(): string {
	return `${JSON.stringify(buildEventsSchema(), null, '\t')}\n`;
}
