import {suggest} from '../core/config/did-you-mean.js';
import {UsageError} from '../core/errors.js';
import {flagTable, kebab, longFlagSpellings, type FlagSpec} from './flag-table.js';

/**
 * Refuses a flag the program does not know, before the parser (parse-argv.ts) reads the
 * rest, with the closest real flag as the hint. The word after a string flag is its value
 * (`--branch -x`, `--branch=-x`), not a flag.
 */
export function checkFlags(argv: readonly string[], table: readonly FlagSpec[] = flagTable): void {
	const byLong = new Map<string, FlagSpec>();
	for (const flag of table) {
		byLong.set(kebab(flag.name), flag);
		byLong.set(flag.name, flag);
	}

	const byShort = new Map(table.flatMap(flag => (flag.shortFlag ? [[flag.shortFlag, flag] as const] : [])));
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index]!;
		if (arg === '--') return;
		if (!arg.startsWith('-') || arg === '-') continue;
		const flag = arg.startsWith('--') ? longFlag(arg, byLong, table) : shortFlags(arg, byShort);
		// `--branch x` takes the next word as its value; `--branch=x` carries it.
		if (flag?.type === 'string' && !arg.includes('=')) index++;
	}
}

function longFlag(arg: string, byLong: Map<string, FlagSpec>, table: readonly FlagSpec[]): FlagSpec {
	const name = arg.slice(2).split('=')[0]!;
	const known = byLong.get(name);
	if (known) return known;
	const negated = name.startsWith('no-') ? byLong.get(name.slice(3)) : undefined;
	if (negated?.type === 'boolean') return negated;
	const match = suggest(`--${name}`, longFlagSpellings(table));
	throw new UsageError(`unknown flag --${name}${match ? `; did you mean ${match}?` : ''} — see remote-sync --help`);
}

function shortFlags(arg: string, byShort: Map<string, FlagSpec>): FlagSpec | undefined {
	const letters = arg.slice(1).split('=')[0]!;
	let last: FlagSpec | undefined;
	for (const [position, letter] of [...letters].entries()) {
		const flag = byShort.get(letter);
		if (!flag) throw new UsageError(`unknown flag -${letter}${letters.length > 1 ? ` (in ${arg})` : ''} — see remote-sync --help`);
		// `-bmain`: a string flag takes the rest of the word as its value.
		if (flag.type === 'string' && position < letters.length - 1) return undefined;
		last = flag;
	}

	return last;
}
