export {applyTrust, needsTrustCheck, type TrustChecker, type TrustedRemotes} from './apply-trust.js';
export {configRequests, vpnCommands, vpnRequest, type TrustRequest, type VpnCommand, type VpnCommandKey} from './fingerprint.js';
export {trustCommandFor, untrustedMessage, untrustedUrlMessage} from './messages.js';
export {TrustStore, type TrustStoreOptions} from './trust-store.js';
