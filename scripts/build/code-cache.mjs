// The program's code cache (dist/program.cjs.v8-cache, read by source/cli/load-program.ts):
// V8's bytecode for the functions the common actions run, saved after a training run so a real
// start skips compiling them. The run works in a throwaway repository with two local bare
// remotes (train-code-cache.mjs), in its own process whose whole environment is the sandbox's
// (its own HOME and git config): nothing of the builder's is read or run. Without git (or if the run fails) the build goes on without a cache: the
// program then compiles as it loads, only slower.
import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';

const trainer = fileURLToPath(new URL('train-code-cache.mjs', import.meta.url));

export function writeCodeCache(root, outdir) {
	// Only PATH (to find git): no NODE_OPTIONS, whose V8 flags would make a cache that users
	// without them cannot take, and none of the builder's git or remote-sync settings.
	const run = spawnSync(process.execPath, [trainer, outdir], {cwd: root, env: {PATH: process.env.PATH ?? ''}, encoding: 'utf8', timeout: 120_000});
	if (run.status === 0) return;
	const why = (run.stderr || run.error?.message || `exit ${run.status ?? run.signal}`).trim().split('\n').slice(-3).join(' | ');
	process.stderr.write(`build: no code cache for dist/program.cjs (${why}); the program starts without it, only slower\n`);
}
