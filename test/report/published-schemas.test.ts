import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {layerCheckFile, publishedSchemas, renderGeneratedFiles, renderPublishedSchemas} from '../../source/report/schema/published.js';
import {compileSchema} from '../setup/json-validator.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const schemaFilesOnDisk = (dir: string): string[] =>
	readdirSync(path.join(root, dir), {withFileTypes: true}).flatMap(entry => (entry.isDirectory() ? schemaFilesOnDisk(path.join(dir, entry.name)) : entry.name.endsWith('.schema.json') ? [path.join(dir, entry.name)] : []));

/** Every object schema anywhere in `node` that forbids unknown fields. */
function closedObjects(node: unknown, at = '#'): string[] {
	if (Array.isArray(node)) return node.flatMap((item, index) => closedObjects(item, `${at}/${index}`));
	if (node === null || typeof node !== 'object') return [];
	return [...((node as {additionalProperties?: unknown}).additionalProperties === false ? [at] : []), ...Object.entries(node).flatMap(([key, value]) => closedObjects(value, `${at}/${key}`))];
}

describe('the published JSON Schemas (regenerate: npm run schema)', () => {
	it('every schema file the package ships is generated, and holds exactly what its zod schema generates', () => {
		expect(schemaFilesOnDisk('schema').sort()).toEqual(publishedSchemas.map(({file}) => file).sort());
		for (const {file, text} of renderPublishedSchemas()) expect(readFileSync(path.join(root, file), 'utf8'), file).toBe(text);
	});

	it('the config check compiled from the config\'s schema is what that schema compiles to now, and calls nothing of ajv', () => {
		const generated = renderGeneratedFiles().find(({file}) => file === layerCheckFile)!;
		expect(readFileSync(path.join(root, layerCheckFile), 'utf8')).toBe(generated.text);
		// The program bundles it and ships without ajv (a devDependency): it may load no module at all.
		expect(generated.text).not.toMatch(/\brequire\s*\(|^\s*import\b|\bimport\s*\(/m);
	});

	it('each has an $id, its own file name: unique, no host, and what the $refs between them name', () => {
		const ids = publishedSchemas.map(({file, build}) => [build().$id, path.basename(file)]);
		for (const [id, name] of ids) expect(id).toBe(name);
		expect(new Set(ids.map(([id]) => id)).size).toBe(ids.length);
		// events.schema.json points into the document schemas by these ids: it compiles only if each resolves.
		const output = publishedSchemas.map(({file}) => file).filter(file => file.startsWith('schema/output/') && !file.endsWith('events.schema.json'));
		expect(() => compileSchema('schema/output/events.schema.json', {references: output})).not.toThrow();
		expect(() => compileSchema('schema/output/events.schema.json')).toThrow(/can't resolve reference/);
	});

	it('is open: no object forbids fields a later version adds (the contract: fields are added, never renamed or removed)', () => {
		for (const {file, build} of publishedSchemas) expect(closedObjects(build()), file).toEqual([]);
	});
});
