// Writes the generated JSON Schemas from their zod schemas (npm run schema). Needs no build:
// esbuild bundles each TypeScript module into a temp file first.
// - schema/remotesyncrc.schema.json (config): test/core/config/json-schema.test.ts
// - schema/output/events.schema.json (--events lines): test/report/event-schema.test.ts
// Each test fails when its checked-in file is out of date.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const temp = mkdtempSync(path.join(tmpdir(), 'rst-schema-'));

async function load(entry) {
	const outfile = path.join(temp, `${path.basename(entry, '.ts')}.mjs`);
	await esbuild.build({absWorkingDir: root, entryPoints: [entry], outfile, bundle: true, format: 'esm', platform: 'node', logLevel: 'warning'});
	return import(pathToFileURL(outfile).href);
}

try {
	const {renderJsonSchema} = await load('source/core/config/json-schema.ts');
	const {renderEventsSchema} = await load('source/report/event-schema.ts');
	for (const [file, text] of [
		['schema/remotesyncrc.schema.json', renderJsonSchema()],
		['schema/output/events.schema.json', renderEventsSchema()],
	]) {
		const target = path.join(root, file);
		writeFileSync(target, text);
		console.log(`wrote ${target}`);
	}
} finally {
	rmSync(temp, {recursive: true, force: true});
}
