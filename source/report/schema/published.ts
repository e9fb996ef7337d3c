import {buildJsonSchema} from '../../core/config/json-schema.js';
import {layerCheckModuleText} from '../../core/config/layer-check-codegen.js';
import {publishedSchema, schemaFileText} from '../../core/published-schema.js';
import {eventLineSchema, eventsHeader} from './event-line.js';
import {healthDocumentSchema, healthHeader} from './health-document.js';
import {operationDocumentSchema, operationHeader} from './operation-document.js';
import {queueDocumentSchema, queueHeader} from './queue-document.js';
import {statusDocumentSchema, statusHeader} from './status-document.js';

/**
 * Every JSON Schema the package publishes, each generated from the zod schema the code is typed
 * by: `npm run schema` (scripts/write-schema.mjs) writes them (and the config check compiled from
 * the config's, renderGeneratedFiles), test/report/published-schemas.test.ts fails when a
 * checked-in file is not exactly what this generates.
 */
export const publishedSchemas: ReadonlyArray<{file: string; build: () => Record<string, unknown>}> = [
	{file: 'schema/remotesyncrc.schema.json', build: buildJsonSchema},
	{file: 'schema/output/status.schema.json', build: () => publishedSchema(statusDocumentSchema, statusHeader, 'output')},
	{file: 'schema/output/operation.schema.json', build: () => publishedSchema(operationDocumentSchema, operationHeader, 'output')},
	{file: 'schema/output/health.schema.json', build: () => publishedSchema(healthDocumentSchema, healthHeader, 'output')},
	{file: 'schema/output/queue.schema.json', build: () => publishedSchema(queueDocumentSchema, queueHeader, 'output')},
	{file: 'schema/output/events.schema.json', build: () => publishedSchema(eventLineSchema, eventsHeader, 'output')},
];

/** Each file's exact text, as the repository must hold it. */
export function renderPublishedSchemas(): Array<{file: string; text: string}> {
	return publishedSchemas.map(({file, build}) => ({file, text: schemaFileText(build())}));
}

/** The config check compiled from the config's schema: what read-layer.ts runs before it would need zod. */
export const layerCheckFile = 'source/core/config/layer-check.generated.js';

/** Every file `npm run schema` writes: the published schemas, then the code generated from them. */
export function renderGeneratedFiles(): Array<{file: string; text: string}> {
	return [...renderPublishedSchemas(), {file: layerCheckFile, text: layerCheckModuleText(buildJsonSchema())}];
}
