import type {ResolvedRemote} from '../config/schema.js';
import type {HealthResult} from '../model.js';
import {redactUrl} from '../git/redact.js';
import {probeRemote} from '../status/health.js';
import {withOperation} from './activity.js';
import {mapBounded} from './bounded.js';
import type {ServiceContext} from './context.js';
import {withVpn} from './with-vpn.js';

/** A cheap ls-remote probe per remote, in parallel, each bounded by health_check_timeout. */
export async function checkHealth(context: ServiceContext, remotes: readonly ResolvedRemote[]): Promise<HealthResult[]> {
	const timeoutSeconds = context.config.settings.healthCheckTimeoutSeconds;
	return mapBounded(
		remotes,
		context.config.settings.maxWorkers,
		async remote =>
			withOperation(context, 'health', remote.name, undefined, async operation => {
			operation.progress({phase: remote.vpn ? 'vpn' : 'connecting'});
			const result = await withVpn(
				context,
				remote,
				async () => probeRemote({cwd: context.cwd, remote, timeoutSeconds, signal: context.signal}),
				(reason): HealthResult => ({name: remote.name, url: redactUrl(remote.url), reachable: false, class: 'vpn-down', latencyMs: 0, error: reason}),
			);
			const withVpnName = remote.vpn ? {...result, vpn: remote.vpn.name} : result;
			context.bus.emit({type: 'health', id: operation.id, result: withVpnName});
			context.store.updateRow(remote.name, row => ({...row, health: withVpnName, healthAt: Date.now()}));
			context.store.log({
				level: withVpnName.reachable ? 'info' : 'warn',
				text: `health ${remote.name}: ${withVpnName.class}${withVpnName.reachable ? ` (${withVpnName.latencyMs} ms)` : withVpnName.error ? ` — ${withVpnName.error}` : ''}`,
				durationMs: withVpnName.latencyMs,
			});
			return withVpnName;
			}),
		(remote, error): HealthResult => ({name: remote.name, url: redactUrl(remote.url), reachable: false, class: 'other', latencyMs: 0, error: String(error)}),
	);
}
