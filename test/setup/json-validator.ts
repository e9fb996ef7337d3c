import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {Ajv2020, type ValidateFunction} from 'ajv/dist/2020.js';

/** A published schema file, by its path from the project root. */
export function readSchema(file: string): Record<string, unknown> {
	return JSON.parse(readFileSync(fileURLToPath(new URL(`../../${file}`, import.meta.url)), 'utf8')) as Record<string, unknown>;
}

/**
 * The schema with every object it describes closed: an object schema that names its properties
 * and says nothing of others gets `additionalProperties: false`. The published schemas are open
 * (consumers must accept fields a later version adds); our tests validate real output against the
 * closed copy, so the program cannot print a field its schema does not publish.
 */
export function closedSchema<T>(node: T): T {
	if (Array.isArray(node)) return node.map(item => closedSchema(item)) as T;
	if (node === null || typeof node !== 'object') return node;
	const copy = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, key === 'properties' ? Object.fromEntries(Object.entries(value as object).map(([name, schema]) => [name, closedSchema(schema)])) : closedSchema(value)]));
	if ('properties' in copy && !('additionalProperties' in copy)) copy.additionalProperties = false;
	return copy as T;
}

type Options = {
	/** Schemas `file` points at by relative $ref ("operation.schema.json#/..."); each is found by its $id. */
	references?: readonly string[];
	/** Validate against closed copies (closedSchema): for the program's real output. */
	closed?: boolean;
};

/**
 * Strict ajv (2020-12): a typo'd keyword in a schema is an error, not silently ignored.
 * `date-time` is checked by parsing, so no format plugin is needed.
 */
export function compileSchema(file: string, {references = [], closed = false}: Options = {}): ValidateFunction {
	const load = (path: string) => (closed ? closedSchema(readSchema(path)) : readSchema(path));
	const ajv = new Ajv2020({strict: true, allErrors: true});
	ajv.addFormat('date-time', value => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value) && !Number.isNaN(Date.parse(value)));
	for (const reference of references) ajv.addSchema(load(reference));
	return ajv.compile(load(file));
}

/** Validation errors as one readable string ('' when valid), for expect(...).toBe(''). */
export function schemaErrors(validate: ValidateFunction, document: unknown): string {
	if (validate(document)) return '';
	return (validate.errors ?? []).map(error => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`).join('\n');
}

export const outputDocuments = ['status', 'operation', 'health', 'queue'] as const;
export type OutputDocument = (typeof outputDocuments)[number];
const outputFile = (name: OutputDocument | 'events') => `schema/output/${name}.schema.json`;

/** A validator for real output: the closed copy of an output schema (events lines resolve their $refs to the documents). */
export function compileOutputSchema(name: OutputDocument | 'events'): ValidateFunction {
	return compileSchema(outputFile(name), {closed: true, references: name === 'events' ? outputDocuments.map(outputFile) : []});
}
