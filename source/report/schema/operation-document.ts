import * as z from 'zod';
import {fieldContract, type SchemaHeader} from '../../core/published-schema.js';
import {errorClass, pushStatuses} from './enums.js';
import {count, nonEmptyStrings, sha} from './fields.js';

/**
 * `--push`, `--push-all`, `--fetch`, `--process-queue` with `--json` (SPEC §6): json.ts builds
 * it as these types; schema/output/operation.schema.json is generated from it.
 */

export const resultSchema = z
	.object({
		remote: z.string().min(1),
		branch: z.string().describe('The local branch.'),
		remoteBranch: z
			.string()
			.min(1)
			.optional()
			.describe('Optional: present only when branch_map gives the branch another name on this remote; the name it was (or would be) pushed to.'),
		tag: z.string().min(1).optional().describe("Optional: set on a tag's own line (a tag the remote has pointing elsewhere: blocked, never overwritten); branch is the push it went with."),
		status: z.enum(pushStatuses).describe('would-push, would-force and would-block come from --dry-run.'),
		durationMs: z.number().min(0),
		attempts: count.describe('Attempts made (retries included); 0 when nothing ran.'),
		error: z.string().optional().describe('Optional: why it failed, credentials redacted.'),
		errorClass: errorClass.optional().describe('Optional: the class of the failure.'),
		vpn: z.string().optional().describe('Optional: the VPN the remote needs.'),
		message: z.string().optional().describe('Optional: one line a person reads.'),
		sha: sha.optional().describe('Optional: the sha pushed or that would be pushed.'),
		wouldLose: nonEmptyStrings.optional().describe('Optional: commits a forced push would drop from the remote (short sha and subject), newest first.'),
		remoteSha: sha.optional().describe("Optional, on a tag's line: the object the remote's tag points to (sha is ours)."),
		tags: z.array(z.string().min(1)).min(1).optional().describe("Optional: the tags this push sent with the branch (dry-run: would send), per the remote's tags policy."),
	})
	.describe('The outcome for one (remote, branch).');

export const operationDocumentSchema = z.object({
	results: z.array(resultSchema).describe('In priority order.'),
	summary: z.object({succeeded: count, failed: count, blocked: count, skipped: count, queued: count}),
	notes: nonEmptyStrings.optional().describe('Optional: why nothing happened, when nothing did.'),
	vpnCommands: nonEmptyStrings.optional().describe('Optional, --dry-run only: the VPN commands a real run would run.'),
});

export type ResultRow = z.infer<typeof resultSchema>;
export type OperationDocument = z.infer<typeof operationDocumentSchema>;

export const operationHeader: SchemaHeader = {
	id: 'operation.schema.json',
	title: 'remote-sync --push / --push-all / --fetch / --process-queue --json',
	description: `One result per (remote, branch) and a summary (SPEC §6). ${fieldContract} (see docs/hooks.md).`,
};
