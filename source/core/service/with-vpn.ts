import type {ResolvedRemote} from '../config/schema.js';
import {probeRemote} from '../status/health.js';
import type {ServiceContext} from './context.js';

export type VpnGate = {ok: true} | {ok: false; reason: string};

/** Why the work did not run: the VPN is down (or untrusted), or dry-run would have had to connect it. */
export type VpnDownCause = 'down' | 'dry-run';

/**
 * Runs `work` with the remote's VPN held (connected only when needed, shared by parallel
 * work, released after). A remote without a VPN runs directly. In dry-run no VPN command
 * runs: `work` runs only if the remote is reachable as things are.
 */
export async function withVpn<T>(
	context: ServiceContext,
	remote: ResolvedRemote,
	work: () => Promise<T>,
	onVpnDown: (reason: string, cause: VpnDownCause) => T | Promise<T>,
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

	// Shutting down (Ctrl-C): a connect started now would outlive the disconnect that is running.
	if (context.signal.aborted) return onVpnDown(`vpn "${vpn.name}": not connected, the program is stopping`, 'down');
	const gate = await context.vpn.acquire(vpn, isReachable);
	if (!gate.ok) return onVpnDown(gate.reason, 'down');
	if (context.dryRun()) {
		// The manager only noted what it would run; without the VPN the remote cannot be asked.
		if (!(await isReachable())) {
			return onVpnDown(`vpn "${vpn.name}" is not connected and a dry run runs no VPN command; run without --dry-run to connect it`, 'dry-run');
		}

		return work();
	}

	try {
		return await work();
	} finally {
		await context.vpn.release(vpn);
	}
}
