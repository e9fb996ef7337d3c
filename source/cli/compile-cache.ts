import nodeModule from 'node:module';

/**
 * Node 22.1+ can keep the compiled code of ES modules on disk between runs: the dashboard's
 * file (dist/dashboard.mjs) then skips parsing on a second start. Node 20 has no such function:
 * then this does nothing. The program itself comes with its own code cache (load-program.ts),
 * which works on every Node. Called before the dashboard is imported, or it would be compiled
 * without the cache.
 */
export function enableCompileCache(): void {
	const {enableCompileCache: enable} = nodeModule as {enableCompileCache?: () => unknown};
	try {
		enable?.();
	} catch {
		// A read-only or full temp dir: start without the cache rather than not at all.
	}
}
