import type {ResolvedRemote} from '../config/schema.js';
import type {HealthResult} from '../model.js';
import {redactUrl} from '../git/redact.js';
import {probeRemote} from '../status/health.js';
import {withOperation, type OperationHandle} from './activity.js';
import {mapBounded} from './bounded.js';
import type {ServiceContext} from './context.js';
import {withVpn} from './with-vpn.js';

/** A cheap ls-remote probe per remote, in parallel, each bounded by health_check_timeout. */
export async function checkHealth(context: ServiceContext, remotes: readonly ResolvedRemote[]): Promise<HealthResult[]> {
	return mapBounded(
		remotes,
		context.config.settings.maxWorkers,
		async remote => withOperation(context, 'health', remote.name, {}, async operation => probeOne(context, remote, operation)),
		(remote, error): HealthResult => ({name: remote.name, url: redactUrl(remote.url), reachable: false, class: 'other', latencyMs: 0, error: String(error)}),
	);
}

async function probeOne(context: ServiceContext, remote: ResolvedRemote, operation: OperationHandle): Promise<HealthResult> {
	const timeoutSeconds = context.config.settings.healthCheckTimeoutSeconds;
	if (remote.untrusted !== undefined) {
		// Not even probed: an ls-remote would already contact the untrusted destination.
		const result: HealthResult = {name: remote.name, url: redactUrl(remote.url), reachable: false, class: 'untrusted', latencyMs: 0, error: remote.untrusted};
		context.bus.emit({type: 'health', id: operation.id, result});
		context.store.updateRow(remote.name, row => ({...row, health: result, healthAt: Date.now()}));
		return result;
	}

	operation.progress({phase: remote.vpn ? 'vpn' : 'connecting'});
	const probed = await withVpn(
		context,
		remote,
		async () => probeRemote({cwd: context.cwd, remote, timeoutSeconds, signal: context.signal}),
		(reason): HealthResult => ({name: remote.name, url: redactUrl(remote.url), reachable: false, class: 'vpn-down', latencyMs: 0, error: reason}),
	);
	const result = remote.vpn ? {...probed, vpn: remote.vpn.name} : probed;
	context.bus.emit({type: 'health', id: operation.id, result});
	context.store.updateRow(remote.name, row => ({...row, health: result, healthAt: Date.now()}));
	const detail = result.reachable ? ` (${result.latencyMs} ms)` : result.error ? ` — ${result.error}` : '';
	context.store.log({level: result.reachable ? 'info' : 'warn', text: `health ${remote.name}: ${result.class}${detail}`, durationMs: result.latencyMs});
	return result;
}
