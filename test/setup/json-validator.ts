import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {Ajv2020, type ValidateFunction} from 'ajv/dist/2020.js';

/** A published schema file, by its path from the project root. */
export function readSchema(file: string): Record<string, unknown> {
	return JSON.parse(readFileSync(fileURLToPath(new URL(`../../${file}`, import.meta.url)), 'utf8')) as Record<string, unknown>;
}

/**
 * Strict ajv (2020-12): a typo'd keyword in a schema is an error, not silently ignored.
 * `date-time` is checked by parsing, so no format plugin is needed.
 */
export function compileSchema(file: string, references: readonly string[] = []): ValidateFunction {
	const ajv = new Ajv2020({strict: true, allErrors: true});
	ajv.addFormat('date-time', value => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value) && !Number.isNaN(Date.parse(value)));
	// Schemas `file` points at by relative $ref ("operation.schema.json#/..."), keyed by file name.
	for (const reference of references) ajv.addSchema(readSchema(reference), reference.split('/').at(-1));
	return ajv.compile(readSchema(file));
}

/** Validation errors as one readable string ('' when valid), for expect(...).toBe(''). */
export function schemaErrors(validate: ValidateFunction, document: unknown): string {
	if (validate(document)) return '';
	return (validate.errors ?? []).map(error => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`).join('\n');
}
