import type {ResolvedRemote} from '../config/schema.js';
import {branchMapRequest, forcePushRequest, tagsRequest, urlRequest, type TrustRequest} from './fingerprint.js';
import {untrustedBranchMapMessage, untrustedForcePushMessage, untrustedTagsMessage, untrustedUrlMessage} from './messages.js';

/**
 * The remotes as they may be used now (SPEC §2): until the user trusts the repo file, a
 * destination only it names is marked `untrusted` (shown, never contacted), a force-push
 * policy it loosened is back at the user's own (else `warn`), a `tags` policy it widened is
 * back at the user's own (else `follow`), and its branch_map entries are dropped (the user's
 * own mapping, else the branch's own name). VPN commands are checked where
 * they would run (vpn-manager.ts), because the files they name may change meanwhile.
 */

export type TrustChecker = {approves(request: TrustRequest): boolean};

export type TrustedRemotes = {remotes: ResolvedRemote[]; warnings: string[]};

export function applyTrust(remotes: readonly ResolvedRemote[], trust: TrustChecker): TrustedRemotes {
	const loosened = new Map<string, Array<{remote: string; requested: string; untrusted: string}>>();
	const remapped = new Map<string, Array<{remote: string; local: string; requested: string; untrusted: string}>>();
	const widened = new Map<string, Array<{remote: string; requested: string; untrusted: string}>>();
	const applied = remotes.map(remote => {
		const asks = remote.repoAsks;
		if (asks === undefined) return remote;
		let result = remote;
		const url = urlRequest(remote);
		if (url && !trust.approves(url)) result = {...result, untrusted: untrustedUrlMessage(remote, asks.file)};
		const policy = forcePushRequest(remote);
		if (policy && asks.forcePush && !trust.approves(policy)) {
			result = {...result, forcePush: asks.forcePush.untrusted};
			loosened.set(asks.file, [...(loosened.get(asks.file) ?? []), {remote: remote.name, ...asks.forcePush}]);
		}

		const tags = tagsRequest(remote);
		if (tags && asks.tags && !trust.approves(tags)) {
			result = {...result, tags: asks.tags.untrusted};
			widened.set(asks.file, [...(widened.get(asks.file) ?? []), {remote: remote.name, ...asks.tags}]);
		}

		const mapping = branchMapRequest(remote);
		if (mapping && asks.branchMap && !trust.approves(mapping)) {
			const {untrusted} = asks.branchMap;
			const {branchMap: _asked, ...rest} = result;
			result = untrusted.size > 0 ? {...rest, branchMap: untrusted} : rest;
			const entries = asks.branchMap.requested.map(([local, requested]) => ({remote: remote.name, local, requested, untrusted: untrusted.get(local) ?? local}));
			remapped.set(asks.file, [...(remapped.get(asks.file) ?? []), ...entries]);
		}

		return result;
	});
	const warnings = [
		...[...loosened].map(([file, policies]) => untrustedForcePushMessage(file, policies)),
		...[...widened].map(([file, policies]) => untrustedTagsMessage(file, policies)),
		...[...remapped].map(([file, maps]) => untrustedBranchMapMessage(file, maps)),
	];
	return {remotes: applied, warnings};
}

/** True when some remote asks a repo file for anything trust must approve (the store is opened only then). */
export function needsTrustCheck(remotes: readonly ResolvedRemote[]): boolean {
	return remotes.some(remote => remote.repoAsks !== undefined || remote.vpn?.source !== undefined);
}
