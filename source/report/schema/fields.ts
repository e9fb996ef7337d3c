import * as z from 'zod';

/** Field shapes several published documents share. */

/** A full object name: SHA-1 (40 hex digits) or SHA-256 (64). */
export const sha = z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/);

/** An ISO 8601 time in UTC, as toISOString() writes it. */
export const isoTime = z.iso.datetime();

export const count = z.number().int().min(0);

/** Optional lists are absent rather than empty. */
export const nonEmptyStrings = z.array(z.string()).min(1);

/**
 * A payload another published document defines (one entry of `--json` inside an `--events`
 * line): typed by that document's zod schema, published as a `$ref` to where it lives, so it
 * is described once.
 */
export function publishedElsewhere<Schema extends z.ZodType>(_schema: Schema, target: string, description: string) {
	return z.custom<z.output<Schema>>().meta({$ref: target, description});
}
