import {accessSync, constants} from 'node:fs';
import path from 'node:path';

/**
 * A deadline a process carries by itself (every network git does), so that nothing outlives
 * its timeout even when remote-sync is SIGKILLed or its terminal closes (our own timers die
 * with us). The wrapper is the process group leader and kills the whole group (git,
 * git-remote-http, ssh) at the deadline:
 * - coreutils `timeout -s KILL`: it puts itself and the program in one process group and
 *   signals the group when time is up;
 * - without it (macOS without coreutils), /bin/sh runs the program in the background beside
 *   a sleeper that kills the group at the deadline, and stops the sleeper when it ends.
 *
 * The deadline is a few seconds past our own timer, which normally fires first and
 * reports the timeout; this one only matters once we are gone.
 */

const graceSeconds = 5;
// ssh and sleep take 32-bit seconds at most: "as good as never" past that.
const maxSeconds = 2_147_483;

export type Wrapped = {file: string; args: string[]; wrapper: 'timeout' | 'sh'};

let cached: {pathValue: string; timeout: string | undefined} | undefined;

/** The `timeout` program on PATH, if any (looked up once per PATH value). */
function timeoutProgram(pathValue: string): string | undefined {
	if (cached?.pathValue === pathValue) return cached.timeout;
	let found: string | undefined;
	for (const dir of pathValue.split(path.delimiter)) {
		if (!path.isAbsolute(dir)) continue; // A relative PATH entry would run a file from the repository.
		const candidate = path.join(dir, 'timeout');
		try {
			accessSync(candidate, constants.X_OK);
			found = candidate;
			break;
		} catch {
			// Not here.
		}
	}

	cached = {pathValue, timeout: found};
	return found;
}

export function deadlineSeconds(timeoutMs: number): number {
	if (!Number.isFinite(timeoutMs)) return maxSeconds;
	return Math.min(Math.ceil(timeoutMs / 1000) + graceSeconds, maxSeconds);
}

// $0 is the deadline, "$@" the program's argv. At the deadline `kill -KILL 0` takes the
// whole group, the shell included; when the program ends first the sleeper (and its sleep)
// is stopped and the program's exit status returned. Stopping the sleeper has two races, both
// seen under load with a program that ends at once (one run in five held its caller until the
// deadline): the stop can land before `p=$!` names the sleep, so the first trap only notes it;
// and a child forked for `sleep` runs the shell's traps until it execs, so a TERM there is taken
// as the trap's and the sleep lives on: it is stopped with KILL. The sleeper says nothing and
// holds none of the caller's pipes, so nothing of it can keep a caller waiting.
const shellWatchdog = [
	'd="$0"',
	'"$@" & g=$!',
	`(c=; trap 'c=1' TERM; sleep "$d" & p=$!; trap 'kill -KILL "$p" 2>/dev/null; exit 0' TERM; [ -z "$c" ] || { kill -KILL "$p" 2>/dev/null; exit 0; }; wait "$p" && kill -KILL 0) >/dev/null 2>&1 & w=$!`,
	'wait "$g"; s=$?',
	'kill "$w" 2>/dev/null',
	'exit "$s"',
].join('; ');

/** `<file> <args>` under a deadline of `timeoutMs` plus grace (`file` is looked up on PATH). */
export function withDeadline(file: string, args: readonly string[], timeoutMs: number, pathValue: string): Wrapped {
	const seconds = String(deadlineSeconds(timeoutMs));
	const timeout = timeoutProgram(pathValue);
	if (timeout) return {file: timeout, args: ['-s', 'KILL', seconds, file, ...args], wrapper: 'timeout'};
	return {file: '/bin/sh', args: ['-c', shellWatchdog, seconds, file, ...args], wrapper: 'sh'};
}

/** The wrapper's own word that `file` is not installed (exit 127), as opposed to it failing. */
export function missingUnderWrapper(file: string, exitCode: number | undefined, stderr: string): boolean {
	return exitCode === 127 && stderr.includes(file) && /no such file|not found/i.test(stderr);
}
