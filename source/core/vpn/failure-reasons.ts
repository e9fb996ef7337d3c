import type {ResolvedVpn} from '../config/schema.js';
import {redact} from '../git/redact.js';
import {inertText} from '../text/inert.js';
import type {VpnCommandKey} from '../trust/fingerprint.js';
import type {CommandResult} from './run-command.js';

/**
 * One line a person can act on for each way a VPN command fails. The command's own output
 * is untrusted text: escape sequences and control bytes are stripped (they would repaint
 * the dashboard), credentials redacted, and only the last lines kept.
 */

const maxTailLength = 240;

export function printableTail(text: string, lines = 3): string {
	const clean = inertText(text, {multiline: true});
	const tail = clean
		.split('\n')
		.map(line => line.trim())
		.filter(line => line.length > 0)
		.slice(-lines)
		.join(' | ');
	const short = tail.length > maxTailLength ? `…${tail.slice(-maxTailLength)}` : tail;
	return redact(short);
}

function outputOf(result: CommandResult): string {
	return printableTail(result.stderr) || printableTail(result.stdout);
}

function where(vpn: ResolvedVpn): string {
	return vpn.source ?? 'your user config';
}

export function seconds(ms: number): string {
	return `${Math.round(ms / 100) / 10}s`;
}

/** Why `key` did not succeed; never called for an ok result. */
export function commandFailure(vpn: ResolvedVpn, key: VpnCommandKey, result: CommandResult): string {
	const prefix = `vpn "${vpn.name}": ${key}`;
	if (result.aborted) return `${prefix} was interrupted`;
	if (result.timedOut) {
		return `${prefix} timed out after ${vpn.timeoutSeconds}s; check the command in ${where(vpn)} or raise vpn.${vpn.name}.timeout`;
	}

	if (result.error) return `${prefix} could not run (${printableTail(result.error, 1)}); check the command in ${where(vpn)}`;
	const output = outputOf(result);
	const detail = output ? `: ${output}` : ' and printed nothing';
	return `${prefix} failed (exit ${result.exitCode ?? 'signal'})${detail}; check the command in ${where(vpn)} or connect the VPN yourself`;
}

export function verifyFailure(vpn: ResolvedVpn, elapsedMs: number, last: CommandResult | undefined): string {
	const lastOutcome = last === undefined ? '' : last.timedOut ? ' (last check timed out)' : ` (last check: exit ${last.exitCode ?? 'signal'}${outputOf(last) ? `: ${outputOf(last)}` : ''})`;
	return `vpn "${vpn.name}": connect_cmd finished but check_cmd still says the VPN is down after ${seconds(elapsedMs)}${lastOutcome}; check both commands in ${where(vpn)}`;
}

export function autoConnectOff(vpn: ResolvedVpn): string {
	return `vpn "${vpn.name}": VPN is down and auto_connect is false; connect it yourself and try again`;
}

export function noConnectCommand(vpn: ResolvedVpn): string {
	return `vpn "${vpn.name}": VPN is down and no connect_cmd is configured; add one in ${where(vpn)} or connect it yourself`;
}
