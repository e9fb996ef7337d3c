import * as z from 'zod';
import {fieldContract, type SchemaHeader} from '../../core/published-schema.js';
import {errorClass, syncStates} from './enums.js';
import {count, isoTime, sha} from './fields.js';

/** `--status --json` (SPEC §6): json.ts builds it as these types; schema/output/status.schema.json is generated from it. */

export const statusRowSchema = z
	.object({
		name: z.string().min(1),
		url: z.string().nullable().describe('Fetch URL, credentials redacted; null when unknown.'),
		priority: z.number().int().describe('Lower first.'),
		remoteBranch: z
			.string()
			.min(1)
			.optional()
			.describe('Optional: present only when branch_map gives the branch another name on this remote; state, counts and remote are about that name.'),
		state: z.enum(syncStates).describe("filtered: the remote's branches patterns do not take the branch; unknown: never fetched."),
		ahead: count.describe('Commits the remote lacks.'),
		behind: count.describe('Commits the local branch lacks.'),
		local: sha.nullable().describe('Local tip sha; null on an unborn branch.'),
		remote: sha.nullable().describe('Remote-tracking tip sha; null when the remote lacks the branch or was never fetched.'),
		vpn: z.string().nullable().describe('Name of the VPN the remote needs; null when none.'),
		fetchedAt: isoTime.nullable().describe('ISO time of the last fetch (ours or a plain git fetch); null if never.'),
		stale: z.boolean().describe('true when the last fetch of this remote failed (see fetchError): the state is the last known one, as of fetchedAt.'),
		tags: z
			.object({
				missing: count.describe("Tags the remote's tags policy would push that it lacks."),
				differ: z.array(z.string().min(1)).describe('Tags it has pointing elsewhere (a push never overwrites them: it reports them blocked).'),
			})
			.nullable()
			.describe("The remote's tags as of our last fetch of it; null when never looked at. With tags: none, both are empty."),
		fetchError: z
			.object({class: errorClass, message: z.string()})
			.optional()
			.describe('Optional: present only when fetching this remote failed, so the state comes from older refs.'),
		untrusted: z
			.string()
			.optional()
			.describe(
				"Optional: present only when the remote's destination comes only from a repo config file not yet trusted: it is never contacted (no fetch, push or probe). The text says why and the exact remote-sync trust command.",
			),
	})
	.describe('Where the branch stands on one remote.');

export const statusDocumentSchema = z.object({
	branch: z.string().min(1).describe('The branch the status is for.'),
	remotes: z.array(statusRowSchema).describe('One entry per remote, in priority order.'),
	divergence: z
		.array(z.object({branch: z.string(), remotes: z.tuple([z.string(), z.string()])}))
		.describe('Pairs of remotes whose tips of the branch are not ancestors of one another.'),
	queue: z.object({pending: count.describe('Queued pushes waiting for --process-queue.')}),
});

export type StatusRow = z.infer<typeof statusRowSchema>;
export type StatusDocument = z.infer<typeof statusDocumentSchema>;

export const statusHeader: SchemaHeader = {
	id: 'status.schema.json',
	title: 'remote-sync --status --json',
	description: `Where the branch stands on every remote (SPEC §6). ${fieldContract} (see docs/hooks.md).`,
};
