/**
 * Errors that end the program carry their exit code (SPEC §6). The CLI prints `message`
 * (one line, already naming what to do next) and exits with `exitCode`; never a stack trace.
 */
export const exitCodes = {
	ok: 0,
	failed: 1,
	usage: 2,
	queued: 3,
	/** SIGINT (Ctrl-C), or quitting the dashboard while a push or queue write ran. */
	interrupted: 130,
	/** SIGTERM (a supervisor, a killed CI job). */
	terminated: 143,
} as const;

/** The exit code after a signal the program handles (SPEC §6): 130 for SIGINT and SIGHUP, 143 for SIGTERM. */
export function exitCodeForSignal(signal: 'SIGINT' | 'SIGTERM' | 'SIGHUP'): number {
	switch (signal) {
		case 'SIGINT':
			return exitCodes.interrupted;
		case 'SIGTERM':
			return exitCodes.terminated;
		case 'SIGHUP':
			// A closed terminal interrupted the work: SPEC §6 has one code for that, 130.
			return exitCodes.interrupted;
	}
}

export class FatalError extends Error {
	readonly exitCode: number;
	constructor(message: string, exitCode: number) {
		super(message);
		this.name = new.target.name;
		this.exitCode = exitCode;
	}
}

/** Bad flags or arguments. */
export class UsageError extends FatalError {
	constructor(message: string) {
		super(message, exitCodes.usage);
	}
}

/** A configuration file, environment variable or --config path that cannot be used. */
export class ConfigError extends FatalError {
	readonly file?: string;
	readonly keyPath?: string;
	constructor(message: string, details: {file?: string; keyPath?: string} = {}) {
		super(message, exitCodes.usage);
		this.file = details.file;
		this.keyPath = details.keyPath;
	}
}

/** Not inside a git repository, git missing, and other environment problems. */
export class EnvironmentError extends FatalError {
	constructor(message: string) {
		super(message, exitCodes.usage);
	}
}
