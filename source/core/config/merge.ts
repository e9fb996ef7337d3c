import type {ConfigLayer} from './schema.js';

/**
 * Deep merge of config layers: a later layer changes only the keys it names. Objects merge
 * key by key (so `remotes.origin.retry` in the repo file keeps `remotes.origin.branches`
 * from the user file); lists and plain values replace; a value of another shape (an inline
 * vpn object over a vpn name) replaces too.
 */

type Plain = Record<string, unknown>;

function isPlainObject(value: unknown): value is Plain {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function deepMerge(base: unknown, over: unknown): unknown {
	if (over === undefined) return base;
	if (!isPlainObject(base) || !isPlainObject(over)) return over;
	const merged: Plain = {...base};
	for (const [key, value] of Object.entries(over)) {
		// JSON.parse makes "__proto__" an own key; assigning it would swap the prototype.
		if (key === '__proto__') continue;
		merged[key] = deepMerge(base[key], value);
	}

	return merged;
}

export function mergeLayers(layers: readonly ConfigLayer[]): ConfigLayer {
	let merged: unknown = {};
	for (const layer of layers) merged = deepMerge(merged, layer);
	return merged as ConfigLayer;
}
