import {colorLevel, paletteFor, type Palette} from '../report/colors.js';

/** Where headless output goes, decided once: stdout for results, stderr for the rest. */
export type Output = {
	palette: Palette;
	errorPalette: Palette;
	quiet: boolean;
	json: boolean;
	verbose: boolean;
	/** Results (text or the one JSON document). Suppressed by --quiet unless JSON. */
	result(text: string): void;
	printJson(document: unknown): void;
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

export function makeOutput(io: Io, options: {quiet: boolean; json: boolean; verbose: boolean; color?: boolean}): Output {
	const palette = paletteFor(colorLevel(io.stdout, io.env, options.color));
	const errorPalette = paletteFor(colorLevel(io.stderr, io.env, options.color, true));
	return {
		palette,
		errorPalette,
		quiet: options.quiet,
		json: options.json,
		verbose: options.verbose,
		result(text) {
			if (!options.quiet && !options.json) io.stdout.write(text);
		},
		printJson(document) {
			io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
		},
		warn(text) {
			if (!options.quiet) io.stderr.write(`${errorPalette.yellow(`warning: ${text}`)}\n`);
		},
		error(text) {
			io.stderr.write(`${errorPalette.red(`error: ${text}`)}\n`);
		},
		detail(text) {
			if (options.verbose && !options.quiet) io.stderr.write(`${errorPalette.dim(text)}\n`);
		},
	};
}
