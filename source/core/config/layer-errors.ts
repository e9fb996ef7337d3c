import {ConfigError} from '../errors.js';
import {describeIssue} from './issues.js';
import {layerSchema, type ConfigLayer} from './schema.js';

/**
 * zod's verdict on a layer the generated check refused (read-layer.ts loads this module only
 * then): zod is the authority, so its layer if it accepts after all (zod drops a record's
 * "__proto__" entry, which the check still looks into), else the one-line error naming the first problem.
 */
export function layerOrError(data: object, display: string): ConfigLayer {
	const result = layerSchema.safeParse(data);
	if (result.success) return result.data;
	const first = result.error.issues[0]!;
	const {keyPath, problem} = describeIssue(first, data);
	const more = result.error.issues.length - 1;
	const suffix = more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'} in this file)` : '';
	throw new ConfigError(`${display}: ${keyPath}: ${problem}${suffix}`, {file: display, keyPath});
}
