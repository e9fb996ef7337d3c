import * as z from 'zod';
import {fieldContract, type SchemaHeader} from '../../core/published-schema.js';
import {reachClasses} from './enums.js';

/** `--health-check --json` (SPEC §6): json.ts builds it as these types; schema/output/health.schema.json is generated from it. */

export const healthRowSchema = z
	.object({
		name: z.string().min(1),
		url: z.string().nullable().describe('Credentials redacted; null when unknown.'),
		reachable: z.boolean(),
		class: z.enum(reachClasses).describe('untrusted: not probed, the destination comes only from a repo config file not yet trusted.'),
		latencyMs: z.number().min(0),
		error: z.string().optional().describe('Optional: why it is not reachable, credentials redacted.'),
		vpn: z.string().optional().describe('Optional: the VPN the remote needs.'),
	})
	.describe('The reachability of one remote.');

export const healthDocumentSchema = z.object({remotes: z.array(healthRowSchema)});

export type HealthRow = z.infer<typeof healthRowSchema>;
export type HealthDocument = z.infer<typeof healthDocumentSchema>;

export const healthHeader: SchemaHeader = {
	id: 'health.schema.json',
	title: 'remote-sync --health-check --json',
	description: `Reachability of every remote (SPEC §6). ${fieldContract} (see docs/hooks.md).`,
};
