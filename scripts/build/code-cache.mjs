// The program's code cache (dist/program.cjs.v8-cache, read by source/cli/load-program.ts):
// V8's bytecode for the functions the common actions run, saved after a training run so a real
// start skips compiling them. The run works in a throwaway repository with two local bare
// remotes (train-code-cache.mjs), in its own process with its own HOME: nothing of the user's
// is read or written. Without git (or if the run fails) the build goes on without a cache: the
// program then compiles as it loads, only slower.
import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';

const trainer = fileURLToPath(new URL('train-code-cache.mjs', import.meta.url));

export function writeCodeCache(root, outdir) {
	const run = spawnSync(process.execPath, [trainer, outdir], {cwd: root, encoding: 'utf8', timeout: 120_000});
	if (run.status === 0) return;
	const why = (run.stderr || run.error?.message || `exit ${run.status ?? run.signal}`).trim().split('\n').slice(-3).join(' | ');
	process.stderr.write(`build: no code cache for dist/program.cjs (${why}); the program starts without it, only slower\n`);
}
