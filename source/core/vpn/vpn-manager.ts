import path from 'node:path';
import type {ResolvedVpn} from '../config/schema.js';
import {redact} from '../git/redact.js';
import type {VpnState, VpnStateKind} from '../model.js';
import type {VpnCommandKey} from '../trust/fingerprint.js';
import {untrustedMessage} from '../trust/messages.js';
import {bringUp} from './bring-up.js';
import {commandFailure} from './failure-reasons.js';
import {planCommands} from './plan.js';
import {runCommand, type CommandResult} from './run-command.js';

/**
 * Holds VPN connections for the work that needs them (SPEC §4). Parallel work on remotes
 * behind one VPN shares one connection: acquires are counted, concurrent acquires share one
 * connect, and the last release of a VPN *we* connected disconnects it. A VPN that was
 * already up is never disconnected. Nothing from an untrusted repo config ever runs.
 */

export type AcquireResult = {ok: true; connectedByUs: boolean} | {ok: false; reason: string; class: 'vpn-down'};

/** One VPN command that ran, for the log pane and --verbose. */
export type VpnCommandRun = {vpn: string; key: VpnCommandKey; command: string; result: CommandResult};

export type VpnManagerOptions = {
	trust: {isTrusted(vpn: ResolvedVpn): boolean};
	dryRun?: boolean;
	onState?: (state: VpnState) => void;
	onCommand?: (run: VpnCommandRun) => void;
};

type Entry = {
	vpn: ResolvedVpn;
	state: VpnState;
	holders: number;
	/** connect_cmd ran and succeeded: ours to disconnect. */
	ours: boolean;
	pending?: Promise<AcquireResult>;
	disconnecting?: Promise<void>;
};

const upStates: ReadonlySet<VpnStateKind> = new Set(['up', 'up-ours']);

export class VpnManager {
	readonly #trust: VpnManagerOptions['trust'];
	readonly #onState?: (state: VpnState) => void;
	readonly #onCommand?: (run: VpnCommandRun) => void;
	readonly #entries = new Map<string, Entry>();
	readonly #planned: string[] = [];
	#dryRun: boolean;
	// Aborted by disconnectAll: stops connects in flight so shutdown is quick.
	#shutdown = new AbortController();

	constructor(options: VpnManagerOptions) {
		this.#trust = options.trust;
		this.#dryRun = options.dryRun ?? false;
		this.#onState = options.onState;
		this.#onCommand = options.onCommand;
	}

	setDryRun(dryRun: boolean): void {
		this.#dryRun = dryRun;
	}

	/** What dry-run would have run, one line per command, in order. */
	plannedCommands(): string[] {
		return [...this.#planned];
	}

	states(): VpnState[] {
		return [...this.#entries.values()].map(entry => ({...entry.state}));
	}

	async acquire(vpn: ResolvedVpn, isRemoteReachable: () => Promise<boolean>): Promise<AcquireResult> {
		if (!this.#trust.isTrusted(vpn)) {
			const reason = untrustedMessage(vpn);
			this.#setState(this.#entry(vpn), 'untrusted', reason);
			return {ok: false, reason, class: 'vpn-down'};
		}

		if (this.#dryRun) {
			for (const line of planCommands(vpn)) if (!this.#planned.includes(line)) this.#planned.push(line);
			return {ok: true, connectedByUs: false};
		}

		const entry = this.#entry(vpn);
		if (entry.disconnecting) await entry.disconnecting;
		if (entry.holders > 0 && upStates.has(entry.state.state)) {
			entry.holders++;
			return {ok: true, connectedByUs: entry.ours};
		}

		entry.pending ??= this.#connect(entry, isRemoteReachable).finally(() => {
			entry.pending = undefined;
		});
		const result = await entry.pending;
		if (result.ok) entry.holders++;
		return result;
	}

	async release(vpn: ResolvedVpn): Promise<void> {
		const entry = this.#entries.get(vpn.name);
		if (!entry || entry.holders === 0) return;
		entry.holders--;
		if (entry.holders === 0 && entry.ours) await this.#disconnect(entry);
	}

	/** Disconnect every VPN we connected (exit, error, Ctrl-C, SIGTERM). Idempotent. */
	async disconnectAll(): Promise<void> {
		this.#shutdown.abort();
		this.#shutdown = new AbortController();
		const entries = [...this.#entries.values()];
		// Connects in flight were just aborted: they settle within a kill grace period.
		await Promise.all(entries.map(async entry => entry.pending?.catch(() => undefined)));
		await Promise.all(
			entries.map(async entry => {
				entry.holders = 0;
				if (entry.ours) await this.#disconnect(entry);
				else if (entry.disconnecting) await entry.disconnecting;
			}),
		);
	}

	#entry(vpn: ResolvedVpn): Entry {
		let entry = this.#entries.get(vpn.name);
		if (!entry) {
			entry = {vpn, state: {name: vpn.name, state: 'down'}, holders: 0, ours: false};
			this.#entries.set(vpn.name, entry);
		} else if (entry.holders === 0 && !entry.pending && !entry.ours) {
			// The config may have been reloaded: use the commands we were just given.
			entry.vpn = vpn;
		}

		return entry;
	}

	async #connect(entry: Entry, isRemoteReachable: () => Promise<boolean>): Promise<AcquireResult> {
		const signal = this.#shutdown.signal;
		const outcome = await bringUp({
			vpn: entry.vpn,
			isRemoteReachable,
			signal,
			setState: (state, reason) => this.#setState(entry, state, reason),
			run: async (key, command, timeoutMs) => this.#run(entry.vpn, key, command, timeoutMs, signal),
		});
		if (outcome.ok) {
			entry.ours = outcome.connectedByUs;
			return outcome;
		}

		// connect_cmd succeeded but the check never passed: still ours to undo on exit.
		if (outcome.connectSucceeded) entry.ours = true;
		return {ok: false, reason: outcome.reason, class: 'vpn-down'};
	}

	async #disconnect(entry: Entry): Promise<void> {
		entry.disconnecting ??= this.#runDisconnect(entry).finally(() => {
			entry.disconnecting = undefined;
		});
		return entry.disconnecting;
	}

	async #runDisconnect(entry: Entry): Promise<void> {
		const {vpn} = entry;
		// Whatever happens next, we stop claiming it: a failed disconnect is not retried forever.
		entry.ours = false;
		if (vpn.disconnectCmd === undefined) {
			this.#setState(entry, 'up', `vpn "${vpn.name}": left connected (no disconnect_cmd configured)`);
			return;
		}

		this.#setState(entry, 'disconnecting');
		// Not tied to #shutdown: disconnecting IS the shutdown, bounded by its own timeout.
		const result = await this.#run(vpn, 'disconnect_cmd', vpn.disconnectCmd, vpn.timeoutSeconds * 1000);
		if (result.ok) this.#setState(entry, 'down');
		else this.#setState(entry, 'failed', `${commandFailure(vpn, 'disconnect_cmd', result)}; the VPN may still be up`);
	}

	async #run(vpn: ResolvedVpn, key: VpnCommandKey, command: string, timeoutMs: number, signal?: AbortSignal): Promise<CommandResult> {
		// Relative paths in a repo config (./scripts/vpn-up.sh) mean the config's directory.
		const cwd = vpn.source === undefined ? undefined : path.dirname(vpn.source);
		const result = await runCommand(command, {timeoutMs, cwd, signal});
		this.#onCommand?.({vpn: vpn.name, key, command: redact(command), result});
		return result;
	}

	#setState(entry: Entry, state: VpnStateKind, reason?: string): void {
		if (entry.state.state === state && entry.state.reason === reason) return;
		entry.state = reason === undefined ? {name: entry.vpn.name, state} : {name: entry.vpn.name, state, reason};
		this.#onState?.({...entry.state});
	}
}
