import * as z from 'zod';

/**
 * The one way a zod schema becomes a published JSON Schema file (schema/**.schema.json), for
 * the config and for every output document alike. Runs only when the files are written
 * (`npm run schema`) and in the tests that compare them: the program itself never loads it.
 */

export type SchemaHeader = {
	/** Relative to where the file is read from: its own file name, so `$ref`s between the files resolve both by id and by path. */
	id: string;
	title: string;
	description: string;
};

/**
 * Every published schema is open: an object accepts fields it does not name. The documents'
 * contract is that fields may be added, never renamed or removed, so a consumer validating with
 * today's schema must keep accepting tomorrow's output. Our own tests close them again
 * (test/setup/json-validator.ts) to hold the program to exactly what it publishes.
 */
function openObjects(ctx: {jsonSchema: Record<string, unknown>}): void {
	if (ctx.jsonSchema.additionalProperties === false) delete ctx.jsonSchema.additionalProperties;
}

/** What every published output schema promises its consumers, in each one's description (docs/hooks.md). */
export const fieldContract = 'Fields are a contract: new ones may be added, none renamed or removed; consumers must accept fields they do not know';

export function publishedSchema(schema: z.ZodType, header: SchemaHeader, io: 'input' | 'output'): Record<string, unknown> {
	// unrepresentable 'any': a z.custom payload (publishedElsewhere) is described by its $ref metadata alone.
	const {$schema, ...rest} = z.toJSONSchema(schema, {target: 'draft-2020-12', io, unrepresentable: 'any', override: openObjects}) as Record<string, unknown>;
	return {$schema, $id: header.id, title: header.title, description: header.description, ...rest};
}

/** A schema file's exact text: tab-indented, newline at the end. */
export function schemaFileText(schema: Record<string, unknown>): string {
	return `${JSON.stringify(schema, null, '\t')}\n`;
}
