import {setTimeout as delay} from 'node:timers/promises';
import type {ResolvedVpn} from '../config/schema.js';
import type {VpnStateKind} from '../model.js';
import type {VpnCommandKey} from '../trust/fingerprint.js';
import {autoConnectOff, commandFailure, noConnectCommand, verifyFailure} from './failure-reasons.js';
import type {CommandResult} from './run-command.js';
import {monotonicMs} from '../clock.js';

/**
 * Smart connect (SPEC §4): connect only when the remote is unreachable AND check_cmd says
 * the VPN is down, then verify with check_cmd. One call per VPN at a time; the manager
 * shares it between concurrent callers.
 */

export type BringUpStep = {
	vpn: ResolvedVpn;
	isRemoteReachable: () => Promise<boolean>;
	signal: AbortSignal;
	setState: (state: VpnStateKind, reason?: string) => void;
	run: (key: VpnCommandKey, command: string, timeoutMs: number) => Promise<CommandResult>;
};

export type BringUpOutcome =
	| {ok: true; connectedByUs: boolean}
	| {ok: false; reason: string; class: 'vpn-down'; connectSucceeded: boolean};

// Pauses between check_cmd polls after connecting: quick at first, a VPN often needs a moment.
const pollDelaysMs = [0, 200, 400, 800, 1500];
const pollDelayMaxMs = 2000;

function failed(reason: string, connectSucceeded = false): BringUpOutcome {
	return {ok: false, reason, class: 'vpn-down', connectSucceeded};
}

async function reachable(step: BringUpStep): Promise<boolean> {
	if (step.signal.aborted) return false;
	// The caller's probe has its own timeout; an abort must not wait for it.
	let onAbort = () => {};
	const aborted = new Promise<boolean>(resolve => {
		onAbort = () => resolve(false);
		step.signal.addEventListener('abort', onAbort, {once: true});
	});
	try {
		return await Promise.race([step.isRemoteReachable(), aborted]);
	} catch {
		return false;
	} finally {
		step.signal.removeEventListener('abort', onAbort);
	}
}

export async function bringUp(step: BringUpStep): Promise<BringUpOutcome> {
	const {vpn} = step;
	const timeoutMs = vpn.timeoutSeconds * 1000;
	if (await reachable(step)) {
		step.setState('up', 'remote reachable without connecting');
		return {ok: true, connectedByUs: false};
	}

	if (vpn.checkCmd !== undefined && !step.signal.aborted) {
		const check = await step.run('check_cmd', vpn.checkCmd, timeoutMs);
		if (check.ok) {
			step.setState('up', 'check_cmd says up');
			return {ok: true, connectedByUs: false};
		}
	}

	if (step.signal.aborted) return interrupted(step);
	if (!vpn.autoConnect) return down(step, autoConnectOff(vpn));
	if (vpn.connectCmd === undefined) return down(step, noConnectCommand(vpn));

	step.setState('connecting');
	const connect = await step.run('connect_cmd', vpn.connectCmd, timeoutMs);
	if (connect.aborted) return interrupted(step);
	if (!connect.ok) {
		const reason = commandFailure(vpn, 'connect_cmd', connect);
		step.setState('failed', reason);
		return failed(reason);
	}

	const verified = await verify(step, timeoutMs);
	if (verified !== true) {
		if (step.signal.aborted) {
			step.setState('failed', `vpn "${vpn.name}": interrupted while verifying the connection`);
			return failed(`vpn "${vpn.name}": interrupted while verifying the connection`, true);
		}

		step.setState('failed', verified);
		return failed(verified, true);
	}

	step.setState('up-ours');
	return {ok: true, connectedByUs: true};
}

/** true when check_cmd (if any) passes within the timeout, else the reason it did not. */
async function verify(step: BringUpStep, timeoutMs: number): Promise<true | string> {
	const {vpn} = step;
	if (vpn.checkCmd === undefined) return true;
	const started = monotonicMs();
	let last: CommandResult | undefined;
	for (let attempt = 0; ; attempt++) {
		const pause = pollDelaysMs[attempt] ?? pollDelayMaxMs;
		const remaining = timeoutMs - (monotonicMs() - started);
		if (remaining <= pause) break;
		if (pause > 0) {
			try {
				await delay(pause, undefined, {signal: step.signal});
			} catch {
				break;
			}
		}

		last = await step.run('check_cmd', vpn.checkCmd, Math.max(1, timeoutMs - (monotonicMs() - started)));
		if (last.ok) return true;
		if (last.aborted) break;
	}

	return verifyFailure(vpn, monotonicMs() - started, last);
}

function down(step: BringUpStep, reason: string): BringUpOutcome {
	step.setState('down', reason);
	return failed(reason);
}

function interrupted(step: BringUpStep): BringUpOutcome {
	const reason = `vpn "${step.vpn.name}": connecting was interrupted`;
	step.setState('down', reason);
	return failed(reason);
}
