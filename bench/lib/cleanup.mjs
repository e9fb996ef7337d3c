// One place that stops everything a benchmark started: servers, tmux, temp dirs.
// Runs on normal exit, on error and on Ctrl-C/SIGTERM, so no daemon outlives the run.

const tasks = [];
let installed = false;
let running;

/** Register `fn` (sync or async) to run once at cleanup, last registered first. */
export function onCleanup(fn) {
	install();
	tasks.push(fn);
	return fn;
}

/** Forget a cleanup that is no longer needed (its process already ended: its pid may be reused). */
export function offCleanup(fn) {
	const index = tasks.lastIndexOf(fn);
	if (index >= 0) tasks.splice(index, 1);
}

/** Run every registered cleanup now (idempotent while running). */
export async function runCleanup() {
	running ??= (async () => {
		while (tasks.length > 0) {
			const fn = tasks.pop();
			try {
				await fn();
			} catch (error) {
				process.stderr.write(`bench cleanup: ${error instanceof Error ? error.message : String(error)}\n`);
			}
		}
	})();
	await running;
	running = undefined;
}

function install() {
	if (installed) return;
	installed = true;
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.once(signal, () => {
			process.stderr.write(`\nbench: ${signal}, stopping servers...\n`);
			void runCleanup().finally(() => process.exit(130));
		});
	}
	// Last resort if something exits without awaiting runCleanup: only sync work is possible here.
	process.once('exit', () => {
		for (const fn of tasks.splice(0).reverse()) {
			try {
				const result = fn();
				if (result && typeof result.catch === 'function') result.catch(() => {});
			} catch {
				// nothing more we can do at exit
			}
		}
	});
}
