import meow from 'meow';
import {UsageError} from '../core/errors.js';
import {helpText} from './help.js';

export const actionFlags = ['status', 'push', 'pushAll', 'fetch', 'healthCheck', 'showQueue', 'processQueue', 'clearQueue'] as const;
export type Action = (typeof actionFlags)[number];
export const setupVerbs = ['init', 'trust', 'install-hook', 'uninstall-hook'] as const;
export type SetupVerb = (typeof setupVerbs)[number];

export type ParsedCli = {
	action?: Action;
	verb?: SetupVerb;
	tui: boolean;
	demo: boolean;
	remotes: string[];
	group?: string;
	branch?: string;
	force: boolean;
	dryRun?: boolean;
	parallel?: boolean;
	json: boolean;
	/** --events: newline-delimited JSON events on stdout as the work happens. */
	events: boolean;
	config?: string;
	cwd?: string;
	fetch?: boolean;
	verbose?: boolean;
	quiet: boolean;
	color?: boolean;
	hookKind?: 'pre-push' | 'post-commit';
};

const kebab = (flag: string) => flag.replace(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);

export function parseCli(argv: string[]): ParsedCli {
	const cli = meow(helpText, {
		importMeta: import.meta,
		argv,
		allowUnknownFlags: false,
		autoHelp: true,
		autoVersion: true,
		booleanDefault: undefined,
		flags: {
			status: {type: 'boolean'},
			push: {type: 'boolean'},
			pushAll: {type: 'boolean'},
			fetch: {type: 'boolean'},
			healthCheck: {type: 'boolean'},
			showQueue: {type: 'boolean'},
			processQueue: {type: 'boolean'},
			clearQueue: {type: 'boolean'},
			tui: {type: 'boolean'},
			demo: {type: 'boolean'},
			remote: {type: 'string', shortFlag: 'r', isMultiple: true},
			group: {type: 'string', shortFlag: 'g'},
			branch: {type: 'string', shortFlag: 'b'},
			force: {type: 'boolean'},
			dryRun: {type: 'boolean', shortFlag: 'n'},
			parallel: {type: 'boolean'},
			json: {type: 'boolean'},
			events: {type: 'boolean'},
			config: {type: 'string', shortFlag: 'c'},
			cwd: {type: 'string'},
			verbose: {type: 'boolean', shortFlag: 'v'},
			quiet: {type: 'boolean', shortFlag: 'q'},
			color: {type: 'boolean'},
			prePush: {type: 'boolean'},
			postCommit: {type: 'boolean'},
		},
	});
	const {flags} = cli;

	// `--no-fetch` and `fetch` (the action) share a name: yargs gives false for the former.
	const chosen = actionFlags.filter(action => flags[action] === true);
	if (chosen.length > 1) {
		throw new UsageError(`choose one action, not ${chosen.map(action => `--${kebab(action)}`).join(' and ')}; see remote-sync --help`);
	}

	const [first, ...rest] = cli.input;
	if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"; see remote-sync --help`);
	let verb: SetupVerb | undefined;
	if (first !== undefined) {
		if (!(setupVerbs as readonly string[]).includes(first)) {
			throw new UsageError(`unknown command "${first}"; commands are ${setupVerbs.join(', ')} — see remote-sync --help`);
		}

		verb = first as SetupVerb;
		if (chosen.length > 0) throw new UsageError(`"${verb}" takes no action flag (--${kebab(chosen[0]!)}); run it on its own`);
	}

	for (const [name, value] of [['group', flags.group], ['branch', flags.branch], ['config', flags.config], ['cwd', flags.cwd]] as const) {
		if (value !== undefined && value.trim() === '') throw new UsageError(`--${name} needs a value; see remote-sync --help`);
	}

	if (flags.prePush && flags.postCommit) throw new UsageError('choose --pre-push or --post-commit, not both');
	if (flags.quiet && flags.verbose) throw new UsageError('choose --quiet or --verbose, not both');
	// Both want stdout to themselves: one JSON document vs. a line per event (its last line is that document).
	if (flags.json && flags.events) throw new UsageError('choose --json or --events, not both: the last --events line carries the --json document');
	if (flags.events && (verb || flags.tui || flags.demo)) throw new UsageError(`--events reports headless actions; drop it from ${verb ?? (flags.tui ? '--tui' : '--demo')}`);

	return {
		action: chosen[0],
		verb,
		tui: flags.tui === true,
		demo: flags.demo === true,
		remotes: (flags.remote ?? []).flatMap(value => value.split(',')).map(name => name.trim()).filter(name => name.length > 0),
		group: flags.group,
		branch: flags.branch,
		force: flags.force === true,
		dryRun: flags.dryRun,
		parallel: flags.parallel,
		json: flags.json === true,
		events: flags.events === true,
		config: flags.config,
		cwd: flags.cwd,
		fetch: flags.fetch === false ? false : undefined,
		verbose: flags.verbose,
		quiet: flags.quiet === true,
		color: flags.color,
		hookKind: flags.postCommit ? 'post-commit' : flags.prePush ? 'pre-push' : undefined,
	};
}
