import * as z from 'zod';
import {fieldContract, type SchemaHeader} from '../../core/published-schema.js';
import {count, isoTime, sha} from './fields.js';

/**
 * `--show-queue`, `--clear-queue` and `--import-legacy-queue` with `--json` (SPEC §6): json.ts
 * builds it as these types; schema/output/queue.schema.json is generated from it.
 */

export const queueEntrySchema = z.object({
	remote: z.string().min(1),
	branch: z.string().min(1).describe('The local branch.'),
	remoteBranch: z
		.string()
		.min(1)
		.optional()
		.describe('Optional: present only when branch_map gave the branch another name on this remote when it was queued; the name the retry delivers to.'),
	sha,
	attempts: count,
	lastError: z.string().describe('Credentials redacted.'),
	queuedAt: isoTime.describe('ISO time of the first failure.'),
});

export const queueDocumentSchema = z.object({
	entries: z.array(queueEntrySchema).describe('The whole offline queue, after the action.'),
	removed: count.optional().describe('Optional, --clear-queue only: entries removed (0 with --dry-run).'),
	from: z.string().nullable().optional().describe("Optional, --import-legacy-queue only: the old tool's queue file looked for; null when the repository has no work tree."),
	renamedTo: z.string().nullable().optional().describe('Optional, --import-legacy-queue only: where that file was moved aside (imported or unreadable); null when it stayed.'),
	imported: count.optional().describe('Optional, --import-legacy-queue only: entries imported.'),
	skipped: count.optional().describe('Optional, --import-legacy-queue only: entries not imported.'),
	notes: z.array(z.string()).optional().describe('Optional, --import-legacy-queue only: what happened, one line each.'),
});

export type QueueEntryRow = z.infer<typeof queueEntrySchema>;
export type QueueDocument = z.infer<typeof queueDocumentSchema>;

export const queueHeader: SchemaHeader = {
	id: 'queue.schema.json',
	title: 'remote-sync --show-queue / --clear-queue / --import-legacy-queue --json',
	description: `The offline queue (SPEC §6); --clear-queue adds how many entries it removed, --import-legacy-queue what it imported. ${fieldContract} (see docs/hooks.md).`,
};
