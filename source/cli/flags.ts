import {didYouMean} from '../core/config/did-you-mean.js';
import {UsageError} from '../core/errors.js';
import {kebab} from './flag-table.js';
import {helpText, verbHelp, type HelpTopic} from './help.js';
import {parseArgv} from './parse-argv.js';
import {checkFlags} from './unknown-flags.js';

export const actionFlags = ['status', 'push', 'pushAll', 'fetch', 'healthCheck', 'showQueue', 'processQueue', 'clearQueue', 'importLegacyQueue'] as const;
export type Action = (typeof actionFlags)[number];
export const setupVerbs = ['init', 'trust', 'install-hook', 'uninstall-hook'] as const;
export type SetupVerb = (typeof setupVerbs)[number];
/** Verbs that print something and touch no repository. */
export const infoVerbs = ['help', 'completion'] as const;
export const completionShells = ['bash', 'zsh', 'fish'] as const;
export type CompletionShell = (typeof completionShells)[number];
/** What the completion scripts call back for the repository's names (not in --help). */
export const completeVerb = '__complete';
export const completeKinds = ['remotes', 'groups', 'branches'] as const;
export type CompleteKind = (typeof completeKinds)[number];

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
	/** `--help`, `-h`, `help [verb]`, `<verb> --help`: print this text and stop. */
	help?: string;
	completion?: CompletionShell;
	complete?: CompleteKind;
};

/** The text `help <topic>` prints, or a usage error with the closest topic. */
export function helpFor(topic: string | undefined): string {
	if (topic === undefined) return helpText;
	if (Object.hasOwn(verbHelp, topic)) return verbHelp[topic as HelpTopic];
	const hint = didYouMean(topic, Object.keys(verbHelp));
	throw new UsageError(`no help for "${topic}"${hint ? `; ${hint}` : ''} — commands are ${Object.keys(verbHelp).join(', ')}`);
}

type Flags = {
	[K in Action | 'tui' | 'demo' | 'force' | 'dryRun' | 'parallel' | 'json' | 'events' | 'verbose' | 'quiet' | 'color' | 'prePush' | 'postCommit']?: boolean;
} & {remote?: string[]; group?: string; branch?: string; config?: string; cwd?: string};

function wantsHelp(argv: readonly string[]): boolean {
	const end = argv.indexOf('--');
	return (end === -1 ? argv : argv.slice(0, end)).some(arg => arg === '--help' || arg === '-h');
}

export function parseCli(argv: string[]): ParsedCli {
	checkFlags(argv);
	const helpAsked = wantsHelp(argv);
	const cli = parseArgv(argv.filter(arg => arg !== '--help' && arg !== '-h'));
	const flags = cli.flags as Flags;
	const [first, second] = cli.input;
	if (helpAsked || first === 'help') {
		return {...emptyCli(), help: helpFor(first === 'help' ? second : first)};
	}

	if (first === 'completion') {
		if (!(completionShells as readonly string[]).includes(second ?? '')) {
			const hint = second ? didYouMean(second, completionShells) : '';
			throw new UsageError(`completion needs a shell: ${completionShells.join(', ')}${hint ? ` (${hint})` : ''} — e.g. remote-sync completion bash`);
		}

		return {...emptyCli(), completion: second as CompletionShell};
	}

	if (first === completeVerb) {
		if (!(completeKinds as readonly string[]).includes(second ?? '')) throw new UsageError(`${completeVerb} takes one of ${completeKinds.join(', ')}`);
		return {...emptyCli(), cwd: flags.cwd, complete: second as CompleteKind};
	}

	// `--no-fetch` and `fetch` (the action) share a name: the parser gives false for the former.
	const chosen = actionFlags.filter(action => flags[action] === true);
	if (chosen.length > 1) {
		throw new UsageError(`choose one action, not ${chosen.map(action => `--${kebab(action)}`).join(' and ')}; see remote-sync --help`);
	}

	const rest = cli.input.slice(1);
	if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"; see remote-sync --help`);
	let verb: SetupVerb | undefined;
	if (first !== undefined) {
		if (!(setupVerbs as readonly string[]).includes(first)) {
			const hint = didYouMean(first, [...setupVerbs, ...infoVerbs]);
			throw new UsageError(`unknown command "${first}"${hint ? `; ${hint}` : ''} — commands are ${[...setupVerbs, ...infoVerbs].join(', ')}; see remote-sync --help`);
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

function emptyCli(): ParsedCli {
	return {tui: false, demo: false, remotes: [], force: false, json: false, events: false, quiet: false};
}
