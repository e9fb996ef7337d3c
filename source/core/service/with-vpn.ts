import type {ResolvedRemote} from '../config/schema.js';
import {probeRemote} from '../status/health.js';
import type {ServiceContext} from './context.js';

export type VpnGate = {ok: true} | {ok: false; reason: string};

/**
 * Runs `work` with the remote's VPN held (connected only when needed, shared by parallel
 * work, released after). A remote without a VPN runs directly.
 */
export async function withVpn<T>(
	context: ServiceContext,
	remote: ResolvedRemote,
	work: () => Promise<T>,
	onVpnDown: (reason: string) => T | Promise<T>,
): Promise<T> {
	const {vpn} = remote;
	if (!vpn) return work();
	const isReachable = async () => {
		const probe = await probeRemote({
			cwd: context.cwd,
			remote,
			timeoutSeconds: context.config.settings.healthCheckTimeoutSeconds,
			signal: context.signal,
		});
		return probe.reachable;
	};

	const gate = await context.vpn.acquire(vpn, isReachable);
	if (!gate.ok) return onVpnDown(gate.reason);
	try {
		return await work();
	} finally {
		await context.vpn.release(vpn);
	}
}
