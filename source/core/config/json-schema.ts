import {publishedSchema} from '../published-schema.js';
import {layerSchema} from './schema.js';

/**
 * The published JSON Schema (schema/remotesyncrc.schema.json) for editors: generated from
 * the same zod schema that validates, so the two cannot disagree. A test fails when the
 * checked-in file drifts; regenerate it with `npm run schema`.
 * Unknown keys stay allowed, as in the loader (they only warn).
 */
export function buildJsonSchema(): Record<string, unknown> {
	return publishedSchema(
		layerSchema,
		{
			id: 'remotesyncrc.schema.json',
			title: 'remote-sync configuration (.remotesyncrc.json)',
			description:
				'Which remotes remote-sync keeps in sync and how: priorities, branch patterns, force-push policy, retries, timeouts, groups and VPNs. Every key is optional. See docs/configuration.md.',
		},
		'input',
	);
}
