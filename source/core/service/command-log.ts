import type {GitOutput} from '../git/runner.js';
import {classifyStderr, failureFrom} from '../git/classify.js';
import type {ServiceContext} from './context.js';

/** Every git command an operation runs goes to the event stream and the dashboard's log. */
export function commandLogger(context: ServiceContext, operationId: string, remote?: string): (out: GitOutput) => void {
	return out => {
		const failed = out.exitCode !== 0;
		const failure = failed ? failureFrom(out.timedOut ? 'timeout' : classifyStderr(out.stderr), out.stderr, `exit code ${out.exitCode}`) : undefined;
		context.bus.emit({type: 'command', id: operationId, remote, argv: out.argv, durationMs: out.durationMs, exitCode: out.exitCode, failure});
		context.store.log({
			level: failed ? 'warn' : 'info',
			text: `$ ${out.argv.join(' ')}${failed ? ` → ${out.timedOut ? 'timed out' : `exit ${out.exitCode}`}` : ''}`,
			durationMs: out.durationMs,
		});
	};
}
