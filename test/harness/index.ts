/**
 * The test harness: real repositories (repo.ts), automatic cleanup (sandbox.ts: onCleanup,
 * tempDir, forSuite for beforeAll) and real network remotes on 127.0.0.1 — git daemon,
 * smart HTTP with Basic auth, refusing and silent ports, a slow/dropping TCP proxy — plus
 * buildFleet() that wires one remote of each kind into a work repository.
 * Use gitAsync (not the synchronous git) against servers that live in the test process.
 */
export * from './sandbox.js';
export * from './repo.js';
export {canConnect, delay, groupAlive, groupMembers, processRunning, waitFor} from './process.js';
export * from './ports.js';
export * from './git-daemon.js';
export * from './http-git.js';
export * from './delay-proxy.js';
export * from './hooks.js';
export * from './history.js';
export * from './remote-fleet.js';
export * from './git-async.js';
