export {VpnManager, type AcquireResult, type VpnCommandRun, type VpnManagerOptions} from './vpn-manager.js';
export {runCommand, type CommandResult, type RunCommandOptions} from './run-command.js';
export {installSignalCleanup, type SignalCleanupOptions} from './signal-cleanup.js';
export {planCommands} from './plan.js';
