/**
 * Every flag the program takes, once. The parser (parse-argv.ts), the unknown-flag check with its
 * "did you mean", the shell completions and the help test all read this table, so a flag
 * cannot exist in one and be missing from another.
 */

export type FlagSpec = {
	/** camelCase: the key the parser gives its value under. */
	name: string;
	type: 'boolean' | 'string';
	shortFlag?: string;
	isMultiple?: boolean;
	/** A boolean that is meant to be negated on the command line (`--no-fetch`). */
	negatable?: boolean;
	/** Completion hint for a string flag's value. */
	values?: 'remotes' | 'groups' | 'branches' | 'files' | 'directories';
};

export const flagTable: readonly FlagSpec[] = [
	{name: 'status', type: 'boolean'},
	{name: 'push', type: 'boolean'},
	{name: 'pushAll', type: 'boolean'},
	{name: 'fetch', type: 'boolean', negatable: true},
	{name: 'healthCheck', type: 'boolean'},
	{name: 'showQueue', type: 'boolean'},
	{name: 'processQueue', type: 'boolean'},
	{name: 'clearQueue', type: 'boolean'},
	{name: 'importLegacyQueue', type: 'boolean'},
	{name: 'tui', type: 'boolean'},
	{name: 'demo', type: 'boolean'},
	{name: 'remote', type: 'string', shortFlag: 'r', isMultiple: true, values: 'remotes'},
	{name: 'group', type: 'string', shortFlag: 'g', values: 'groups'},
	{name: 'branch', type: 'string', shortFlag: 'b', values: 'branches'},
	{name: 'force', type: 'boolean'},
	{name: 'dryRun', type: 'boolean', shortFlag: 'n'},
	{name: 'parallel', type: 'boolean', negatable: true},
	{name: 'json', type: 'boolean'},
	{name: 'events', type: 'boolean'},
	{name: 'config', type: 'string', shortFlag: 'c', values: 'files'},
	{name: 'cwd', type: 'string', values: 'directories'},
	{name: 'verbose', type: 'boolean', shortFlag: 'v'},
	{name: 'quiet', type: 'boolean', shortFlag: 'q'},
	{name: 'color', type: 'boolean', negatable: true},
	{name: 'prePush', type: 'boolean'},
	{name: 'postCommit', type: 'boolean'},
	{name: 'help', type: 'boolean', shortFlag: 'h'},
	{name: 'version', type: 'boolean'},
];

export const kebab = (flag: string): string => flag.replace(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);

/** The spellings a user may type, `--dry-run`, `--no-color`, as written on the command line. */
export function longFlagSpellings(table: readonly FlagSpec[] = flagTable): string[] {
	return table.flatMap(flag => {
		const long = `--${kebab(flag.name)}`;
		return flag.negatable ? [long, `--no-${kebab(flag.name)}`] : [long];
	});
}
