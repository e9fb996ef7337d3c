import nodeModule from 'node:module';

/**
 * Node 22.1+ can keep the compiled code of the bundle on disk between runs, so a second start
 * skips parsing it. Node 20 has no such function: then this does nothing. Called before the
 * program's modules are imported, or they would be compiled without the cache.
 */
export function enableCompileCache(): void {
	const {enableCompileCache: enable} = nodeModule as {enableCompileCache?: () => unknown};
	try {
		enable?.();
	} catch {
		// A read-only or full temp dir: start without the cache rather than not at all.
	}
}
