import {safeJson, safeTerminalText} from '../report/safe-output.js';
import {colorLevel, paletteFor, type Palette} from '../report/colors.js';
import {runsInCi} from './ci.js';

/** Where headless output goes, decided once: stdout for results, stderr for the rest. Every
 * write passes safe-output.ts: nothing foreign reaches the terminal as a sequence or a secret. */
export type Output = {
	palette: Palette;
	errorPalette: Palette;
	quiet: boolean;
	json: boolean;
	/** --events: stdout is newline-delimited JSON (source/report/event-stream.ts) and nothing else. */
	events: boolean;
	verbose: boolean;
	/** Text mode in a CI job: print calm progress lines while the work runs (source/report/ci-progress.ts). */
	ciProgress: boolean;
	/** Results in text. Suppressed by --quiet, --json and --events. */
	result(text: string): void;
	printJson(document: unknown): void;
	/** One `--events` line, written at once (never held back to the end). */
	eventLine(text: string): void;
	/** A CI progress line (source/report/ci-progress.ts): stderr, suppressed by --quiet. */
	progress(text: string): void;
	/** Warnings and notes: stderr, suppressed by --quiet. */
	warn(text: string): void;
	/** Errors: stderr, always. */
	error(text: string): void;
	/** --verbose detail: stderr. */
	detail(text: string): void;
};

export type Io = {
	stdout: NodeJS.WriteStream;
	stderr: NodeJS.WriteStream;
	stdin: NodeJS.ReadStream;
	env: NodeJS.ProcessEnv;
};

export type OutputOptions = {quiet: boolean; json: boolean; events?: boolean; verbose: boolean; color?: boolean};

export function makeOutput(io: Io, options: OutputOptions): Output {
	const level = colorLevel(io.stdout, io.env, options.color);
	const errorLevel = colorLevel(io.stderr, io.env, options.color);
	const palette = paletteFor(level);
	const errorPalette = paletteFor(errorLevel);
	// Only text our palette painted may keep colour codes on the way out.
	const safe = (text: string) => safeTerminalText(text, level > 0);
	const safeError = (text: string) => safeTerminalText(text, errorLevel > 0);
	return {
		palette,
		errorPalette,
		quiet: options.quiet,
		json: options.json,
		events: options.events === true,
		verbose: options.verbose,
		ciProgress: !options.quiet && !options.json && options.events !== true && runsInCi(io),
		result(text) {
			if (!options.quiet && !options.json && !options.events) io.stdout.write(safe(text));
		},
		printJson(document) {
			io.stdout.write(`${safeJson(document)}\n`);
		},
		eventLine(text) {
			io.stdout.write(text);
		},
		progress(text) {
			if (!options.quiet) io.stderr.write(`${text}\n`);
		},
		warn(text) {
			if (!options.quiet) io.stderr.write(`${errorPalette.yellow(`warning: ${safeError(text)}`)}\n`);
		},
		error(text) {
			io.stderr.write(`${errorPalette.red(`error: ${safeError(text)}`)}\n`);
		},
		detail(text) {
			if (options.verbose && !options.quiet) io.stderr.write(`${errorPalette.dim(safeError(text))}\n`);
		},
	};
}
