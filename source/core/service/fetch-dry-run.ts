import type {ResolvedRemote} from '../config/schema.js';
import type {OperationResult} from '../model.js';
import {probeRemote} from '../status/health.js';
import {commandLogger} from './command-log.js';
import type {ServiceContext} from './context.js';
import {withVpn} from './with-vpn.js';

/**
 * `--fetch --dry-run`: a fetch would change remote-tracking refs, so none runs. What runs is the
 * health probe (one read-only `ls-remote`, health_check_timeout), so the report tells the truth:
 * "would fetch" only for a remote that answered, and a dead one is `failed` with its class, as a
 * real fetch would be. Never "fetched". A remote behind a VPN that is down is `skipped` (dry-run
 * runs no VPN command, so what the fetch would do is unknown), or `failed` if it cannot be used.
 */
export async function probeInsteadOfFetch(context: ServiceContext, remote: ResolvedRemote, operationId: string): Promise<OperationResult> {
	const base = {remote: remote.name, branch: '*', attempts: 1, vpn: remote.vpn?.name};
	const started = Date.now();
	return withVpn(
		context,
		remote,
		async (): Promise<OperationResult> => {
			const probe = await probeRemote({
				cwd: context.cwd,
				remote,
				timeoutSeconds: context.config.settings.healthCheckTimeoutSeconds,
				signal: context.signal,
				onCommand: commandLogger(context, operationId, remote.name),
			});
			const durationMs = Date.now() - started;
			if (probe.reachable) return {...base, status: 'skipped', durationMs, message: `would fetch ${remote.name} (it answered in ${probe.latencyMs} ms; dry run: nothing fetched)`};
			// Not contacted on purpose (its destination waits for `remote-sync trust`): a skip, not a failure.
			if (probe.class === 'untrusted') return {...base, status: 'skipped', durationMs, message: probe.error ?? `${remote.name} is untrusted, not fetched`};
			const errorClass = probe.class === 'reachable' ? 'other' : probe.class;
			return {...base, status: 'failed', durationMs, errorClass, message: `would not fetch ${remote.name}: it is ${probe.class}`, error: probe.error ?? `${remote.name} is ${probe.class}`};
		},
		(reason, cause): OperationResult =>
			cause === 'dry-run'
				? {...base, status: 'skipped', durationMs: Date.now() - started, message: reason}
				: {...base, status: 'failed', durationMs: Date.now() - started, errorClass: 'vpn-down', error: reason},
	);
}
