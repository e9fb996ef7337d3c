import {existsSync, statSync} from 'node:fs';
import path from 'node:path';
import {UsageError} from '../core/errors.js';
import {readRepository} from '../core/service/repository-reads.js';
import type {TrustStore} from '../core/trust/trust-store.js';
import type {ParsedCli} from './flags.js';
import type {ProgramName} from './program-name.js';
import {loadDashboard} from './open-dashboard.js';
import type {Io, Output} from './output.js';
import {openTrustStore} from './trust-checker.js';

/**
 * Everything after the flags: loaded only once parsing succeeded, so --help, --version and
 * usage errors do not pay for git, config validation, the trust store and the engine.
 * An action starts its round of repository reads (and the dashboard's chunk) first, and only
 * then loads the engine (run-action.ts): the modules load while git runs.
 */
function resolveCwd(cli: ParsedCli): string {
	const cwd = path.resolve(cli.cwd ?? process.cwd());
	if (!existsSync(cwd) || !statSync(cwd).isDirectory()) throw new UsageError(`--cwd ${cwd} is not a directory; pass an existing directory`);
	return cwd;
}

export async function run(cli: ParsedCli, programName: ProgramName, io: Io, out: Output): Promise<number> {
	let cwd = resolveCwd(cli);
	let configPath = cli.config;
	let trust: TrustStore | undefined;
	let cleanupDemo: (() => Promise<void>) | undefined;
	if (cli.demo) {
		const {createDemoSandbox} = await import('../demo/sandbox.js');
		const demo = await createDemoSandbox();
		cwd = demo.repo;
		configPath = demo.configPath;
		trust = demo.trust;
		cleanupDemo = demo.cleanup;
	}

	try {
		if (cli.verb) {
			// The setup verbs bring simple-git (init, hooks): no status or push run loads it.
			const {runVerb} = await import('./verbs.js');
			return await runVerb(cli.verb, {cli, cwd, io, out, trust: trust ?? (await openTrustStore())});
		}

		const wantsDashboard = !cli.events && (cli.tui || cli.demo || (cli.action === undefined && programName === 'remote-sync-tui'));
		const dashboard = wantsDashboard && io.stdin.isTTY && io.stdout.isTTY && !io.env.REMOTE_SYNC_NO_TUI ? loadDashboard() : undefined;
		// The engine's modules are asked for first: Node reads their files on its own threads while
		// the git processes are started, and compiles them while git runs.
		const engine = import('./run-action.js');
		// One round of concurrent git reads; awaited (and any failure seen) in runAction.
		const reads = readRepository(cwd);
		reads.catch(() => undefined);
		const {runAction} = await engine;
		return await runAction(cli, io, out, {cwd, configPath, trust, trustEverything: cli.demo, reads, dashboard, wantsDashboard});
	} finally {
		await cleanupDemo?.();
	}
}
