export {fingerprint, vpnCommands, type VpnCommand, type VpnCommandKey} from './fingerprint.js';
export {trustCommandFor, untrustedMessage} from './messages.js';
export {TrustStore, defaultTrustDirectory, type TrustStoreOptions, type UntrustedCommand} from './trust-store.js';
