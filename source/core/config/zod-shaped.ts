import {remoteKeys, topLevelKeys, vpnKeys} from './layer-check.generated.js';
import type {ConfigLayer} from './schema.js';

/**
 * The value `layerSchema.parse` returns, built without loading zod, for data the generated check
 * (layer-check.generated.js) accepted. zod does not hand back its input but a copy, and the copy
 * differs in ways code can see, so the fast path must make the same one:
 * - every object zod builds (the settings, and the records `remotes`, `vpn`, `branch_map`) is new,
 *   and drops a `"__proto__"` key (JSON.parse makes it an own key; assigned, it would swap the prototype);
 * - an object of settings lists the keys the schema knows first, in its order, then the others;
 * - lists are copied; values under unknown keys are passed on as they are.
 * test/core/config/layer-check.test.ts holds this to zod's own result: prototypes, own keys and their order.
 */

type Plain = Record<string, unknown>;
type Copy = (value: unknown) => unknown;

const asIs: Copy = value => value;
const list: Copy = value => [...(value as unknown[])];

function settings(known: readonly string[], copies: Readonly<Partial<Record<string, Copy>>>): Copy {
	return value => {
		const input = value as Plain;
		const copy: Plain = {};
		for (const key of known) if (Object.hasOwn(input, key)) copy[key] = (copies[key] ?? asIs)(input[key]);
		for (const key of Object.keys(input)) if (!known.includes(key) && key !== '__proto__') copy[key] = input[key];
		return copy;
	};
}

function record(copyEntry: Copy): Copy {
	return value => {
		const copy: Plain = {};
		for (const [key, entry] of Object.entries(value as Plain)) if (key !== '__proto__') copy[key] = copyEntry(entry);
		return copy;
	};
}

const vpn = settings(vpnKeys, {});
const remote = settings(remoteKeys, {
	branches: list,
	// A VPN's name, or an inline VPN (zod's union: the first branch that accepts).
	vpn: value => (typeof value === 'string' ? value : vpn(value)),
	branch_map: record(asIs),
});
const layer = settings(topLevelKeys, {remotes: record(remote), vpn: record(vpn)});

/** What zod's layerSchema would return for `data`, which the generated check must have accepted. */
export function zodShaped(data: object): ConfigLayer {
	return layer(data) as ConfigLayer;
}
