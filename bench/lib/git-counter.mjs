import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A `git` that counts: a script put first on PATH appends one line per call to a counter file,
 * then execs the real git. Counts every git process a program spawns, however it spawns them.
 */
export function gitCounter(dir, env) {
	const realGit = execFileSync('sh', ['-c', 'command -v git'], {env, encoding: 'utf8'}).trim();
	if (!realGit.startsWith('/')) throw new Error(`could not find the real git on PATH (got "${realGit}")`);
	const bin = path.join(dir, 'counting-bin');
	const counter = path.join(dir, 'git-calls.log');
	fs.mkdirSync(bin, {recursive: true});
	fs.writeFileSync(path.join(bin, 'git'), `#!/bin/sh\nprintf '%s\\n' "$1" >> '${counter}'\nexec '${realGit}' "$@"\n`, {mode: 0o755});
	return {
		env: {...env, PATH: `${bin}${path.delimiter}${env.PATH ?? ''}`},
		reset: () => fs.writeFileSync(counter, ''),
		/** Calls since the last reset, and how many of each git subcommand. */
		read: () => {
			const lines = fs.readFileSync(counter, 'utf8').split('\n').filter(Boolean);
			const bySubcommand = {};
			for (const line of lines) bySubcommand[line] = (bySubcommand[line] ?? 0) + 1;
			return {count: lines.length, bySubcommand};
		},
	};
}
