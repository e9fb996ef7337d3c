import type {ResolvedRemote} from '../core/config/schema.js';
import type {TrustRequest} from '../core/trust/fingerprint.js';
import type {TrustStore} from '../core/trust/trust-store.js';

type TrustChecker = {isTrusted(vpn: NonNullable<ResolvedRemote['vpn']>): boolean; approves(request: TrustRequest): boolean};

/** No repository file asks for anything that needs approval (the user's own config is trusted). */
export const everythingTrusted: TrustChecker = {isTrusted: () => true, approves: () => true};

/** The trust store (conf) is loaded only when a repository config asks for something, or a verb needs it: it costs startup time. */
export async function openTrustStore(): Promise<TrustStore> {
	const {TrustStore: Store} = await import('../core/trust/trust-store.js');
	return new Store();
}
