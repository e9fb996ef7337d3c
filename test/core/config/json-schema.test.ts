import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {buildJsonSchema} from '../../../source/core/config/json-schema.js';
import {parseLayer} from '../../../source/core/config/read-layer.js';
import {layerSchema, remoteSchema, vpnSchema} from '../../../source/core/config/schema.js';

const root = (file: string) => fileURLToPath(new URL(`../../../${file}`, import.meta.url));
const read = (file: string) => readFileSync(file, 'utf8');

describe('the published JSON Schema', () => {
	// That schema/remotesyncrc.schema.json is exactly what this generates: test/report/published-schemas.test.ts.
	it('describes every key, allows unknown ones, and has a title and an $id', () => {
		const schema = buildJsonSchema() as {title?: string; $id?: string; properties: Record<string, {description?: string}>; additionalProperties: unknown};
		expect(schema.title).toMatch(/remotesyncrc/);
		expect(schema.$id).toBe('remotesyncrc.schema.json');
		expect(Object.keys(schema.properties)).toEqual(Object.keys(layerSchema.shape));
		for (const [key, property] of Object.entries(schema.properties)) expect(property.description, key).toBeTruthy();
		expect(schema.additionalProperties).toEqual({});
	});
});

describe('example configs', () => {
	it('the brief\'s example passes the layer schema without warnings', async () => {
		const text = read(fileURLToPath(new URL('fixtures/brief-example.json', import.meta.url)));
		expect(layerSchema.safeParse(JSON.parse(text)).success).toBe(true);
		expect((await parseLayer(text, 'brief.json')).warnings).toEqual([]);
	});

	it('the root .remotesyncrc.json passes and shows every key', async () => {
		const text = read(root('.remotesyncrc.json'));
		expect((await parseLayer(text, '.remotesyncrc.json')).warnings).toEqual([]);
		const data = JSON.parse(text) as {remotes: Record<string, Record<string, unknown>>; vpn: Record<string, Record<string, unknown>>};
		expect(Object.keys(data).sort()).toEqual(Object.keys(layerSchema.shape).sort());
		const remoteKeys = new Set(Object.values(data.remotes).flatMap(remote => Object.keys(remote)));
		expect([...remoteKeys].sort()).toEqual(Object.keys(remoteSchema.shape).sort());
		const vpnKeys = new Set(Object.values(data.vpn).flatMap(vpn => Object.keys(vpn)));
		expect([...vpnKeys].sort()).toEqual(Object.keys(vpnSchema.shape).sort());
	});

	it('docs/configuration.md documents every key and variable', () => {
		const docs = read(root('docs/configuration.md'));
		const keys = [...Object.keys(layerSchema.shape), ...Object.keys(remoteSchema.shape), ...Object.keys(vpnSchema.shape)];
		const variables = ['REMOTE_SYNC_PARALLEL', 'REMOTE_SYNC_OFFLINE_QUEUE', 'REMOTE_SYNC_MAX_WORKERS', 'REMOTE_SYNC_DRY_RUN', 'REMOTE_SYNC_VERBOSE'];
		for (const key of [...keys, ...variables]) expect(docs, key).toContain(`\`${key}\``);
	});
});
