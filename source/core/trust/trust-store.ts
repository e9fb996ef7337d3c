import Conf from 'conf';
import type {ResolvedVpn} from '../config/schema.js';
import {remoteSyncConfigDir} from '../xdg.js';
import {vpnRequest, type TrustRequest} from './fingerprint.js';

/**
 * Approvals of what repo config files ask for (fingerprint.ts), kept in the user's config
 * directory (`$XDG_CONFIG_HOME/remote-sync/trust.json`, see xdg.ts), never in the repository:
 * a repository cannot approve itself.
 */

type FileApproval = {fingerprints: string[]; trustedAt: string};
type TrustData = {files: Record<string, FileApproval>};

export type TrustStoreOptions = {
	/** Directory holding trust.json. Default: $XDG_CONFIG_HOME/remote-sync (or ~/.config/remote-sync). */
	cwd?: string;
};

export class TrustStore {
	readonly #conf: Conf<TrustData>;

	constructor(options: TrustStoreOptions = {}) {
		this.#conf = new Conf<TrustData>({
			projectName: 'remote-sync',
			configName: 'trust',
			cwd: options.cwd ?? remoteSyncConfigDir(),
			// File paths are keys and contain dots.
			accessPropertiesByDotNotation: false,
			// A damaged trust file means nothing is trusted (the safe side); the next `trust` rewrites it.
			clearInvalidConfig: true,
		});
	}

	/** Where approvals are stored. */
	get path(): string {
		return this.#conf.path;
	}

	approves(request: TrustRequest): boolean {
		return this.#approval(request.file)?.fingerprints.includes(request.fingerprint) ?? false;
	}

	/** A VPN's commands may run: they come from the user's own config, or are approved as they are now. */
	isTrusted(vpn: ResolvedVpn): boolean {
		const request = vpnRequest(vpn);
		return request === undefined || this.approves(request);
	}

	/** Approve what `file` asks for now (its requests among `requests`); earlier approvals of it lapse. */
	trust(file: string, requests: readonly TrustRequest[]): void {
		const fingerprints = requests.filter(request => request.file === file).map(request => request.fingerprint);
		const files = {...this.#files(), [file]: {fingerprints, trustedAt: new Date().toISOString()}};
		this.#conf.set('files', files);
	}

	/** Forget every approval of `file`. */
	revoke(file: string): void {
		const files = {...this.#files()};
		delete files[file];
		this.#conf.set('files', files);
	}

	#files(): Record<string, FileApproval> {
		const files: unknown = this.#conf.get('files');
		return typeof files === 'object' && files !== null ? (files as Record<string, FileApproval>) : {};
	}

	#approval(file: string): FileApproval | undefined {
		const approval = this.#files()[file];
		return approval && Array.isArray(approval.fingerprints) ? approval : undefined;
	}
}
