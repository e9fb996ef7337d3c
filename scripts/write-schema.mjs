#!/usr/bin/env node
// Writes schema/remotesyncrc.schema.json from the zod schema (npm run schema). Needs no build:
// esbuild bundles source/core/config/json-schema.ts into a temp module first.
// test/core/config/json-schema.test.ts fails when the checked-in file is out of date.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const target = path.join(root, 'schema', 'remotesyncrc.schema.json');
const temp = mkdtempSync(path.join(tmpdir(), 'rst-schema-'));
try {
	const module = path.join(temp, 'json-schema.mjs');
	await esbuild.build({absWorkingDir: root, entryPoints: ['source/core/config/json-schema.ts'], outfile: module, bundle: true, format: 'esm', platform: 'node', logLevel: 'warning'});
	const {renderJsonSchema} = await import(pathToFileURL(module).href);
	writeFileSync(target, renderJsonSchema());
	console.log(`wrote ${target}`);
} finally {
	rmSync(temp, {recursive: true, force: true});
}
