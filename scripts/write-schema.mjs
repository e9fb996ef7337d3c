#!/usr/bin/env node
// Writes schema/remotesyncrc.schema.json from the zod schema. Run after `npm run build`:
//   node scripts/write-schema.mjs
// test/core/config/json-schema.test.ts fails when the checked-in file is out of date.
import {writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {renderJsonSchema} from '../dist/core/config/json-schema.js';

const target = fileURLToPath(new URL('../schema/remotesyncrc.schema.json', import.meta.url));
writeFileSync(target, renderJsonSchema());
console.log(`wrote ${target}`);
