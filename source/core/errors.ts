/**
 * Errors that end the program carry their exit code (SPEC §6). The CLI prints `message`
 * (one line, already naming what to do next) and exits with `exitCode`; never a stack trace.
 */
export const exitCodes = {
	ok: 0,
	failed: 1,
	usage: 2,
	queued: 3,
	interrupted: 130,
} as const;

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
