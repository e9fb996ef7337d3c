import {FatalError, exitCodes} from '../core/errors.js';
import {redact} from '../core/git/redact.js';
import {packageVersion} from '../install-paths.js';
import {makeOutput, type Io, type Output} from './output.js';
import type {ProgramName} from './program-name.js';

// process.stdin is a stream Node makes on first access (~2 ms for a pipe): only the dashboard reads it.
const defaultIo = (): Io => ({
	stdout: process.stdout,
	stderr: process.stderr,
	get stdin() {
		return process.stdin;
	},
	env: process.env,
});

let actionStarted = false;

/**
 * Whether this process went past the quick answers (version, help, completions) to an action:
 * only such a run's compiled code is worth keeping as a code cache (cli/load-program.ts).
 */
export function ranAnAction(): boolean {
	return actionStarted;
}

/** The program: parse, choose dashboard or headless, run, map the outcome to an exit code. */
export async function main(argv: string[], programName: ProgramName, io: Io = defaultIo()): Promise<number> {
	// Nothing of the parser or the engine is needed to print the version.
	if (argv.length === 1 && argv[0] === '--version') {
		io.stdout.write(`${packageVersion()}\n`);
		return exitCodes.ok;
	}

	let out: Output = makeOutput(io, {quiet: false, json: false, verbose: false});
	try {
		const {parseCli} = await import('./flags.js');
		const cli = parseCli(argv);
		out = makeOutput(io, {quiet: cli.quiet, json: cli.json, events: cli.events, verbose: cli.verbose === true, color: cli.color});
		if (cli.help !== undefined) {
			io.stdout.write(`${cli.help.replace(/^\n/, '')}\n`);
			return exitCodes.ok;
		}

		if (cli.completion) {
			const {completionScript} = await import('./completion.js');
			io.stdout.write(completionScript(cli.completion));
			return exitCodes.ok;
		}

		if (cli.complete) {
			const {completeNames} = await import('./complete-names.js');
			const names = await completeNames(cli.complete, cli.cwd ?? process.cwd(), io.env);
			io.stdout.write(names.map(name => `${name}\n`).join(''));
			return exitCodes.ok;
		}

		actionStarted = true;
		const {run} = await import('./run.js');
		return await run(cli, programName, io, out);
	} catch (error) {
		return reportFatal(error, out);
	}
}

function reportFatal(error: unknown, out: Output): number {
	if (error instanceof FatalError) {
		out.error(redact(error.message));
		return error.exitCode;
	}

	// By name: importing the runner here would slow every --help and --version.
	if (error instanceof Error && error.name === 'GitNotFoundError') {
		out.error(error.message);
		return exitCodes.usage;
	}

	// A bug: still one line, no stack trace unless asked for.
	const message = error instanceof Error ? error.message : String(error);
	out.error(`unexpected failure: ${redact(message)} — please report it with the output of --verbose`);
	if (out.verbose && error instanceof Error && error.stack) out.detail(redact(error.stack));
	return exitCodes.failed;
}

