import {chmodSync, mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';

/**
 * Install `script` as the pre-receive hook of `bareRepo` (executable). A script without a
 * shebang runs under /bin/sh. Exit non-zero to reject a push, e.g. `echo "no" >&2; exit 1`.
 */
export function addPreReceiveHook(bareRepo: string, script: string): void {
	const hooks = path.join(bareRepo, 'hooks');
	mkdirSync(hooks, {recursive: true});
	const file = path.join(hooks, 'pre-receive');
	writeFileSync(file, script.startsWith('#!') ? script : `#!/bin/sh\n${script}\n`);
	chmodSync(file, 0o755);
}
