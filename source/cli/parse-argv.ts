import {UsageError} from '../core/errors.js';
import {flagTable, kebab, type FlagSpec} from './flag-table.js';

/**
 * The command line, read by the flag table alone (a general parser cost every run a sixth of
 * its start-up). What it accepts:
 * - `--name`, `--name=value`, kebab or camel case (`--dry-run`, `--dryRun`); `--no-name` for a boolean;
 * - a boolean's value only as `=true`/`=false` or as the next word `true`/`false`;
 * - a string's value as `=value`, as the next word whatever it looks like (`--remote -x` names a
 *   remote "-x", refused later as unknown), or in a short cluster as the rest of the word
 *   (`-bmain`, `-qb main`);
 * - `isMultiple` strings collect every value; other strings may be given once;
 * - everything after `--` and every other word is an input (a verb, or an error later).
 * Unknown flags are refused before this runs (unknown-flags.ts, with a suggestion).
 */

export type ParsedArgv = {flags: Record<string, boolean | string | string[]>; input: string[]};

const booleanWords = new Map([
	['true', true],
	['false', false],
]);

export function parseArgv(argv: readonly string[], table: readonly FlagSpec[] = flagTable): ParsedArgv {
	const byLong = new Map<string, FlagSpec>();
	for (const flag of table) byLong.set(kebab(flag.name), flag).set(flag.name, flag);
	const byShort = new Map(table.flatMap(flag => (flag.shortFlag ? [[flag.shortFlag, flag] as const] : [])));
	const flags: ParsedArgv['flags'] = {};
	const input: string[] = [];

	const set = (flag: FlagSpec, spelled: string, value: boolean | string) => {
		if (typeof value === 'boolean' || !flag.isMultiple) {
			if (typeof value === 'string' && flags[flag.name] !== undefined) throw new UsageError(`${spelled} can be given once; see remote-sync --help`);
			flags[flag.name] = value;
		} else flags[flag.name] = [...((flags[flag.name] as string[] | undefined) ?? []), value];
	};

	// A string flag without "=value" takes the next word: the unknown-flag check skipped it as a value too.
	let index = 0;
	const nextValue = (spelled: string): string => {
		const next = argv[index + 1];
		if (next === undefined) throw new UsageError(`${spelled} needs a value; see remote-sync --help`);
		index++;
		return next;
	};

	// A boolean takes a following true/false as its value, as the parser before this one did.
	const booleanValue = (): boolean => {
		const word = booleanWords.get(argv[index + 1] ?? '');
		if (word === undefined) return true;
		index++;
		return word;
	};

	for (; index < argv.length; index++) {
		const arg = argv[index]!;
		if (arg === '--') {
			input.push(...argv.slice(index + 1));
			break;
		}

		if (arg.startsWith('--')) {
			const equals = arg.indexOf('=');
			const name = arg.slice(2, equals === -1 ? undefined : equals);
			const inline = equals === -1 ? undefined : arg.slice(equals + 1);
			const negated = byLong.has(name) ? undefined : name.startsWith('no-') ? byLong.get(name.slice(3)) : undefined;
			const flag = byLong.get(name) ?? negated;
			if (!flag || (negated && flag.type !== 'boolean')) throw new UsageError(`unknown flag --${name} — see remote-sync --help`);
			const spelled = `--${name}`;
			if (flag.type === 'string') set(flag, spelled, inline ?? nextValue(spelled));
			else {
				const value = inline === undefined ? booleanValue() : booleanWords.get(inline);
				if (value === undefined) throw new UsageError(`${spelled} is on or off: write ${spelled}, --no-${kebab(flag.name)} or ${spelled}=false, not ${arg}`);
				set(flag, spelled, negated ? !value : value);
			}

			continue;
		}

		if (arg.startsWith('-') && arg !== '-') {
			shortCluster(arg);
			continue;
		}

		input.push(arg);
	}

	return {flags, input};

	/** `-qv`, `-bmain`, `-b main`, `-b=main`. */
	function shortCluster(arg: string): void {
		const letters = arg.slice(1);
		for (let position = 0; position < letters.length; position++) {
			const letter = letters[position]!;
			const flag = byShort.get(letter);
			if (!flag) throw new UsageError(`unknown flag -${letter}${letters.length > 1 ? ` (in ${arg})` : ''} — see remote-sync --help`);
			const rest = letters.slice(position + 1).replace(/^=/, '');
			if (flag.type === 'string') {
				set(flag, `-${letter}`, rest.length > 0 ? rest : nextValue(`-${letter}`));
				return;
			}

			if (letters[position + 1] === '=') {
				const value = booleanWords.get(rest);
				if (value === undefined) throw new UsageError(`-${letter} is on or off: write -${letter} or -${letter}=false, not ${arg}`);
				set(flag, `-${letter}`, value);
				return;
			}

			set(flag, `-${letter}`, position === letters.length - 1 ? booleanValue() : true);
		}
	}
}
