import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

/**
 * Files of this installation, found from the running code. The bundle puts every file flat in
 * dist/ (scripts/build/build.mjs), and this module sits at the top of source/: in both places the
 * package root is one directory up, so the same URLs hold for the built program and for tests
 * that run the sources.
 */
const packageRoot = new URL('../', import.meta.url);

/** The published JSON Schema of the config file. */
export const installedSchema = fileURLToPath(new URL('schema/remotesyncrc.schema.json', packageRoot));

/** The headless bin (a hook runs it with this very node, so no global install is needed). */
export const headlessBin = fileURLToPath(new URL('dist/remote-sync.js', packageRoot));

/** This installation's version, from its package.json (the one file npm always ships). */
export function packageVersion(): string {
	return (JSON.parse(readFileSync(new URL('package.json', packageRoot), 'utf8')) as {version: string}).version;
}
