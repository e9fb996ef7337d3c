// Writes every published JSON Schema (the config's and each output document's) from the zod
// schemas the code is typed by: the list is source/report/schema/published.ts (npm run schema).
// Then the config check compiled from the config's schema by ajv (layer-check.generated.js):
// committed, because the program bundles it and ships without ajv (a devDependency).
// Needs no build: esbuild bundles that module into a temp file first.
// test/report/published-schemas.test.ts fails when a checked-in file is out of date.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const temp = mkdtempSync(path.join(tmpdir(), 'rst-schema-'));

try {
	const outfile = path.join(temp, 'published.mjs');
	await esbuild.build({absWorkingDir: root, entryPoints: ['source/report/schema/published.ts'], outfile, bundle: true, format: 'esm', platform: 'node', logLevel: 'warning'});
	const {renderGeneratedFiles} = await import(pathToFileURL(outfile).href);
	for (const {file, text} of renderGeneratedFiles()) {
		const target = path.join(root, file);
		writeFileSync(target, text);
		console.log(`wrote ${target}`);
	}
} finally {
	rmSync(temp, {recursive: true, force: true});
}
