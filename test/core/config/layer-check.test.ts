import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {buildJsonSchema} from '../../../source/core/config/json-schema.js';
import {remoteKeys, topLevelKeys, validate, vpnKeys} from '../../../source/core/config/layer-check.generated.js';
import {parseLayer} from '../../../source/core/config/read-layer.js';
import {layerSchema, remoteSchema, vpnSchema} from '../../../source/core/config/schema.js';
import {zodShaped} from '../../../source/core/config/zod-shaped.js';
import {ConfigError} from '../../../source/core/errors.js';
import {seededRandom} from '../../harness/random.js';
import {generateCorpus, hostileStrings} from '../../reliability/config-corpus.js';
import {brokenConfigs} from './broken-corpus.js';

/**
 * The generated check (ajv, layer-check.generated.js) against zod's layerSchema, the authority,
 * on real data: a fixed corpus plus seeded random mutations. The check may refuse what zod
 * accepts (read-layer.ts then asks zod), but never accept what zod refuses; and where both
 * accept, zod-shaped.ts must build exactly zod's value: prototypes, own keys, their order, -0.
 */

type Schema = {type?: string; properties?: Record<string, Schema>; additionalProperties?: Schema; items?: Schema; anyOf?: Schema[]; enum?: unknown[]; minimum?: number; exclusiveMinimum?: number};
const schema = buildJsonSchema() as Schema;

/** The first way `actual` differs from `expected`, or undefined when they are the same value. */
function difference(actual: unknown, expected: unknown, at = '$'): string | undefined {
	if (actual === null || expected === null || typeof actual !== 'object' || typeof expected !== 'object') {
		return Object.is(actual, expected) ? undefined : `${at}: ${String(actual)} is not ${String(expected)}`;
	}

	if (Array.isArray(actual) !== Array.isArray(expected)) return `${at}: one is a list`;
	if (Object.getPrototypeOf(actual) !== Object.getPrototypeOf(expected)) return `${at}: another prototype`;
	const keys = Reflect.ownKeys(actual);
	const expectedKeys = Reflect.ownKeys(expected);
	if (JSON.stringify(keys.map(String)) !== JSON.stringify(expectedKeys.map(String))) return `${at}: own keys ${keys.map(String).join()} are not ${expectedKeys.map(String).join()}`;
	for (const key of keys) {
		const found = difference((actual as Record<PropertyKey, unknown>)[key], (expected as Record<PropertyKey, unknown>)[key], `${at}.${String(key)}`);
		if (found) return found;
	}

	return undefined;
}

/** `value` without its own "__proto__" keys, at any depth (zod drops those where it builds objects). */
function withoutProtoKeys(value: unknown): unknown {
	if (value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map(withoutProtoKeys);
	return Object.fromEntries(Object.entries(value).flatMap(([key, item]) => (key === '__proto__' ? [] : [[key, withoutProtoKeys(item)]])));
}

// A valid value for each kind of schema node: the generator's starting points follow the schema, so a new key is covered without editing this test.
function validValue(node: Schema, random: () => number, depth = 0): unknown {
	if (node.anyOf) return validValue(node.anyOf[Math.floor(random() * node.anyOf.length)]!, random, depth);
	if (node.enum) return node.enum[Math.floor(random() * node.enum.length)];
	switch (node.type) {
		case 'string':
			return pick(random, ['main', 'origin', '', 'release/*', 'ünïcødé']);
		case 'boolean':
			return random() < 0.5;
		case 'integer':
			return Math.max(node.minimum ?? -5, 0) + Math.floor(random() * 5);
		case 'number':
			return node.exclusiveMinimum === undefined ? pick(random, [0, -0, 0.5, 60]) : pick(random, [1e-9, 0.5, 30]);
		case 'array':
			return Array.from({length: Math.floor(random() * 3)}, () => validValue(node.items!, random, depth + 1));
		case 'object': {
			const object: Record<string, unknown> = {};
			for (const [key, property] of Object.entries(node.properties ?? {})) if (random() < 0.6) object[key] = validValue(property, random, depth + 1);
			if (!node.properties && node.additionalProperties && depth < 4) {
				for (let i = Math.floor(random() * 3); i > 0; i--) own(object, pick(random, recordKeys), validValue(node.additionalProperties, random, depth + 1));
			}

			return object;
		}

		default:
			return 'anything';
	}
}

function pick<T>(random: () => number, items: readonly T[]): T {
	return items[Math.floor(random() * items.length)]!;
}

/** Sets `key` as JSON.parse would: an own property, also for "__proto__" (assigning it would swap the prototype, which no JSON text can do). */
function own(object: object, key: string, value: unknown): void {
	Object.defineProperty(object, key, {value, enumerable: true, writable: true, configurable: true});
}

// Keys JavaScript treats specially, numeric-looking ones (which objects order first), unicode, empty.
const hostileKeys = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '', '0', '1', '10', '-1', '1.5', '4294967295', 'ünïcødé', '🚀', 'remotes', 'priority', '$schema'];
const recordKeys = ['origin', 'mirror', ...hostileKeys];
const boundaryNumbers = [0, -0, 1e-9, -1e-9, 0.5, 1, 1.5, -1, 2 ** 53, 2 ** 53 - 1, -(2 ** 53), -(2 ** 53 - 1), 1e308, -1e308, 5e-324, Infinity, -Infinity];
const values: unknown[] = [...boundaryNumbers, ...hostileStrings('touch /nonexistent/canary'), 'block', 'all', true, false, null, [], ['main'], [1], {}, {connect_cmd: 'true'}, JSON.parse('{"__proto__": {"priority": "x"}, "x": 1}'), {nested: {priority: 'x'}}];

type Path = string[];

function objectPaths(value: unknown, prefix: Path = []): Path[] {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
	return [prefix, ...Object.entries(value).flatMap(([key, item]) => objectPaths(item, [...prefix, key]))];
}

function allPaths(value: unknown, prefix: Path = []): Path[] {
	if (value === null || typeof value !== 'object') return [prefix];
	return [prefix, ...Object.entries(value).flatMap(([key, item]) => allPaths(item, [...prefix, key]))];
}

/** `root` with `value` put at `path` (as an own property, even for "__proto__"). */
function setAt(root: unknown, path: Path, value: unknown): unknown {
	if (path.length === 0) return value;
	const [key, ...rest] = path as [string, ...string[]];
	const copy: Record<string, unknown> = Array.isArray(root) ? ([...root] as unknown as Record<string, unknown>) : {...(root as Record<string, unknown>)};
	own(copy, key, setAt(copy[key], rest, value));
	return copy;
}

function mutate(config: unknown, random: () => number): unknown {
	switch (Math.floor(random() * 4)) {
		case 0:
			return setAt(config, pick(random, allPaths(config)), pick(random, values));
		case 1: {
			const objects = objectPaths(config);
			if (objects.length === 0) return config;
			const at = pick(random, objects);
			return setAt(config, [...at, pick(random, hostileKeys)], random() < 0.5 ? pick(random, values) : validValue(schema.properties!.remotes!.additionalProperties!, random));
		}

		case 2: {
			// A valid value of the wrong key: right type somewhere, wrong here.
			const keys = Object.keys(schema.properties!);
			return setAt(config, [pick(random, keys)], validValue(schema.properties![pick(random, keys)]!, random));
		}

		default:
			return setAt(config, ['remotes', pick(random, recordKeys), pick(random, Object.keys(schema.properties!.remotes!.additionalProperties!.properties!))], pick(random, values));
	}
}

/** Every key path the schema names, each with every value: boundary numbers, wrong types, unions. */
function everyKeyWithEveryValue(): unknown[] {
	const remote = schema.properties!.remotes!.additionalProperties!.properties!;
	const vpn = schema.properties!.vpn!.additionalProperties!.properties!;
	const paths: Path[] = [
		...Object.keys(schema.properties!).map(key => [key]),
		...Object.keys(remote).map(key => ['remotes', 'origin', key]),
		...Object.keys(vpn).map(key => ['vpn', 'corp', key]),
		...Object.keys(vpn).map(key => ['remotes', 'origin', 'vpn', key]),
		['remotes', 'origin', 'branch_map', 'main'],
		['remotes', 'origin', 'branches', '0'],
		['remotes', 'origin', 'unknown', 'deeper'],
	];
	return paths.flatMap(path => values.map(value => setAt({}, path, value)));
}

/** Every object the schema describes (settings, records, a union's object branch), with a path to it. */
function objectNodes(node: Schema, path: Path = []): Array<{path: Path; node: Schema}> {
	const here = node.type === 'object' ? [{path, node}] : [];
	const inside = [
		...Object.entries(node.properties ?? {}).flatMap(([key, property]) => objectNodes(property, [...path, key])),
		...(node.additionalProperties && !node.properties ? objectNodes(node.additionalProperties, [...path, 'origin']) : []),
		...(node.anyOf ?? []).flatMap(branch => objectNodes(branch, path)),
	];
	return [...here, ...inside];
}

/**
 * At every object of the schema: an unknown key before the known ones and a "__proto__" entry,
 * the two ways zod's copy differs from its input (so a new object-valued key that zod-shaped.ts
 * does not copy fails here, whatever the random cases happen to draw).
 */
function copyCornersAtEveryObject(): unknown[] {
	const random = seededRandom(7);
	return objectNodes(schema).map(({path, node}) => {
		const object = {};
		// A record's entries are all of one kind; an object of settings takes anything under an unknown key.
		const unknown = () => (node.properties ? {} : validValue(node.additionalProperties!, random, 4));
		own(object, 'zz_unknown', unknown());
		own(object, '__proto__', unknown());
		for (const [key, property] of Object.entries(node.properties ?? {})) own(object, key, validValue(property, random, 4));
		return setAt({}, path, object);
	});
}

function cases(): Array<{name: string; data: unknown}> {
	const texts = [
		readFileSync(fileURLToPath(new URL('../../../.remotesyncrc.json', import.meta.url)), 'utf8'),
		readFileSync(fileURLToPath(new URL('fixtures/brief-example.json', import.meta.url)), 'utf8'),
		...brokenConfigs.map(broken => broken.text),
		...generateCorpus({seed: 20_240_611, count: 500, canaryCommand: 'touch /nonexistent/canary'}).map(entry => entry.text),
		// JSON.parse's own corners: 1e400 is Infinity, "__proto__" an own key, duplicate keys the last.
		'{"refresh_interval": 1e400}',
		'{"remotes": {"a": {"priority": -1e400}}}',
		'{"__proto__": {"parallel": "x"}, "parallel": true}',
		'{"remotes": {"__proto__": {"priority": "x"}}}',
		'{"remotes": {"a": {"branch_map": {"__proto__": 5}}}}',
		'{"remotes": {"a": {"vpn": {"__proto__": {"timeout": 0}}}}}',
		'{"vpn": {"__proto__": {"timeout": -1}}}',
		'{"parallel": "x", "parallel": true}',
		'{"remotes": {"a": {"priority": 1.0, "retry": 0e5, "timeout": 1E-9}}}',
		'{"remotes": {"\\u005f_proto__": {"priority": 1}}}',
	];
	const parsed = texts.flatMap((text, index) => {
		try {
			return [{name: `text ${index}: ${text.slice(0, 80)}`, data: JSON.parse(text) as unknown}];
		} catch {
			return []; // broken JSON never reaches the check
		}
	});
	const random = seededRandom(20_251_201);
	const generated = Array.from({length: 4000}, (_, index) => {
		let config = validValue(schema, random);
		for (let round = Math.floor(random() * 3); round > 0; round--) config = mutate(config, random);
		return {name: `random ${index}: ${JSON.stringify(config).slice(0, 120)}`, data: config};
	});
	return [...parsed, ...everyKeyWithEveryValue().map((data, index) => ({name: `key × value ${index}: ${JSON.stringify(data)}`, data})), ...generated];
}

describe('the generated config check agrees with zod (regenerate: npm run schema)', () => {
	it('never accepts what zod refuses, and builds exactly zod\'s value for what both accept', () => {
		const all = cases().filter(({data}) => typeof data === 'object' && data !== null && !Array.isArray(data));
		let bothAccept = 0;
		let bothRefuse = 0;
		const onlyZodAccepts: string[] = [];
		for (const {name, data} of all) {
			const fast = validate(data);
			const zod = layerSchema.safeParse(data);
			if (fast) {
				expect(zod.success, `${name}: the check accepts what zod refuses (${zod.error?.issues[0]?.message})`).toBe(true);
				expect(difference(zodShaped(data as object), zod.data), name).toBeUndefined();
				bothAccept++;
			} else if (zod.success) onlyZodAccepts.push(name);
			else bothRefuse++;
		}

		// Refusing what zod accepts only costs the zod path; the one known cause is a record's "__proto__" entry, which zod drops and the check still looks into.
		const unexplained = onlyZodAccepts.filter(name => !validate(withoutProtoKeys(all.find(entry => entry.name === name)!.data)));
		expect(unexplained).toEqual([]);
		console.log(`layer check vs zod: ${all.length} cases, ${bothAccept} both accept, ${bothRefuse} both refuse, ${onlyZodAccepts.length} only zod accepts ("__proto__" records), 0 only the check accepts`);
		// The corpus is not vacuous: both verdicts are common.
		expect(bothAccept).toBeGreaterThan(500);
		expect(bothRefuse).toBeGreaterThan(500);
	});

	it('lists the keys zod knows, in its order (the unknown-key warnings compare against them)', () => {
		expect(topLevelKeys).toEqual(Object.keys(layerSchema.shape));
		expect(remoteKeys).toEqual(Object.keys(remoteSchema.shape));
		expect(vpnKeys).toEqual(Object.keys(vpnSchema.shape));
	});

	it('copies as zod does at every object the schema describes: unknown keys after the known ones, no "__proto__"', () => {
		const corners = copyCornersAtEveryObject();
		expect(corners.length).toBeGreaterThanOrEqual(7);
		for (const data of corners) {
			const name = JSON.stringify(data);
			expect(validate(data), name).toBe(true);
			expect(difference(zodShaped(data as object), layerSchema.parse(data)), name).toBeUndefined();
		}
	});
});

describe('parseLayer: the check first, zod only for a file it refuses', () => {
	it('words a refused file exactly as zod\'s issue describes it', async () => {
		const message = async (text: string) => (await parseLayer(text, 'x.json').then(() => undefined, (error: unknown) => (error instanceof ConfigError ? error.message : error))) as string | undefined;
		expect(await message('{"remotes": {"origin": {"retry": 1.5}}}')).toBe('x.json: remotes.origin.retry: must be a whole number (got 1.5); for example "retry": 3');
		expect(await message('{"refresh_interval": 1e400}')).toBe('x.json: refresh_interval: must be a number (got a number too large); for example "refresh_interval": 60');
		expect(await message('{"remotes": {"a": {"vpn": 5}}}')).toBe('x.json: remotes.a.vpn: must be the name of an entry in "vpn" or an inline VPN object (got 5); for example "vpn": "corporate"');
		expect(await message('{"remotes": {"a": {"vpn": {"timeout": 0}}}, "parallel": 1}')).toBe('x.json: remotes.a.vpn.timeout: must be a number of seconds greater than 0 (got 0); for example "timeout": 30 (and 1 more problem in this file)');
	});

	it('takes zod\'s layer when zod accepts what the check refused', async () => {
		const text = '{"remotes": {"__proto__": {"priority": "x"}, "origin": {"priority": 2}}}';
		expect(validate(JSON.parse(text))).toBe(false);
		const {layer} = await parseLayer(text, 'x.json');
		expect(difference(layer, layerSchema.parse(JSON.parse(text)))).toBeUndefined();
		expect(Object.keys(layer.remotes!)).toEqual(['origin']);
	});
});
