#!/usr/bin/env node
// Writes the generated JSON Schemas from their zod schemas. Run after `npm run build`:
//   node scripts/write-schema.mjs
// - schema/remotesyncrc.schema.json (config): test/core/config/json-schema.test.ts
// - schema/output/events.schema.json (--events lines): test/report/event-schema.test.ts
// Each test fails when its checked-in file is out of date.
import {writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {renderJsonSchema} from '../dist/core/config/json-schema.js';
import {renderEventsSchema} from '../dist/report/event-schema.js';

for (const [file, text] of [
	['../schema/remotesyncrc.schema.json', renderJsonSchema()],
	['../schema/output/events.schema.json', renderEventsSchema()],
]) {
	const target = fileURLToPath(new URL(file, import.meta.url));
	writeFileSync(target, text);
	console.log(`wrote ${target}`);
}
