import {existsSync, statSync} from 'node:fs';
import path from 'node:path';
import {loadConfig} from '../core/config/load.js';
import {selectRemotes} from '../core/config/select.js';
import {EnvironmentError, FatalError, UsageError, exitCodes} from '../core/errors.js';
import {GitNotFoundError} from '../core/git/runner.js';
import {redact} from '../core/git/redact.js';
import {QueueStore} from '../core/queue/queue-store.js';
import {listLocalBranches, readRepoInfo} from '../core/service/repo-info.js';
import {SyncService} from '../core/sync-service.js';
import {TrustStore} from '../core/trust/trust-store.js';
import {installSignalCleanup} from '../core/vpn/signal-cleanup.js';
import {insideOwnPush, nestedPushNote, pushingActions, withoutRemoteBeingPushed} from '../setup/hook-guard.js';
import {parseCli, type ParsedCli} from './flags.js';
import {runHeadless} from './headless.js';
import {makeOutput, type Io, type Output} from './output.js';
import {runVerb} from './verbs.js';

const defaultIo = (): Io => ({stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env});

/** The program: parse, choose dashboard or headless, run, map the outcome to an exit code. */
export async function main(argv: string[], programName: string, io: Io = defaultIo()): Promise<number> {
	let out: Output = makeOutput(io, {quiet: false, json: false, verbose: false});
	try {
		const cli = parseCli(argv);
		out = makeOutput(io, {quiet: cli.quiet, json: cli.json, verbose: cli.verbose === true, color: cli.color});
		return await run(cli, programName, io, out);
	} catch (error) {
		return reportFatal(error, out);
	}
}

function reportFatal(error: unknown, out: Output): number {
	if (error instanceof FatalError) {
		out.error(redact(error.message));
		return error.exitCode;
	}

	if (error instanceof GitNotFoundError) {
		out.error(error.message);
		return exitCodes.usage;
	}

	// A bug: still one line, no stack trace unless asked for.
	const message = error instanceof Error ? error.message : String(error);
	out.error(`unexpected failure: ${redact(message)} — please report it with the output of --verbose`);
	if (out.verbose && error instanceof Error && error.stack) out.detail(redact(error.stack));
	return exitCodes.failed;
}

function resolveCwd(cli: ParsedCli): string {
	const cwd = path.resolve(cli.cwd ?? process.cwd());
	if (!existsSync(cwd) || !statSync(cwd).isDirectory()) throw new UsageError(`--cwd ${cwd} is not a directory; pass an existing directory`);
	return cwd;
}

async function run(cli: ParsedCli, programName: string, io: Io, out: Output): Promise<number> {
	let cwd = resolveCwd(cli);
	let configPath = cli.config;
	let trust = new TrustStore();
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
		if (cli.verb) return await runVerb(cli.verb, {cli, cwd, io, out, trust});
		return await runAction(cli, programName, io, out, {cwd, configPath, trust, trustEverything: cli.demo});
	} finally {
		await cleanupDemo?.();
	}
}

async function runAction(cli: ParsedCli, programName: string, io: Io, out: Output, where: {cwd: string; configPath?: string; trust: TrustStore; trustEverything?: boolean}): Promise<number> {
	if (cli.action && pushingActions.includes(cli.action) && insideOwnPush(io.env)) {
		if (out.json) out.printJson({results: [], summary: {succeeded: 0, failed: 0, blocked: 0, skipped: 0, queued: 0}, notes: [nestedPushNote]});
		else out.warn(nestedPushNote);
		return exitCodes.ok;
	}

	const repo = await readRepoInfo(where.cwd);
	const config = await loadConfig({
		cwd: where.cwd,
		configPath: where.configPath,
		env: io.env,
		cli: {parallel: cli.parallel, dryRun: cli.dryRun, verbose: cli.verbose, autoFetch: cli.fetch},
	});
	const chosen = cli.remotes.length > 0 || cli.group ? selectRemotes(config.remotes, {names: cli.remotes.length > 0 ? cli.remotes : undefined, group: cli.group}) : config.remotes;
	// In a pre-push hook, the remote git is pushing itself is git's job (source/setup/hook-guard.ts).
	const selected = withoutRemoteBeingPushed(chosen, io.env);
	for (const warning of config.warnings) out.warn(warning);
	// The demo's simulated VPN is trusted in the demo's own trust store, never the user's.
	if (where.trustEverything && where.configPath) where.trust.trust(path.resolve(where.cwd, where.configPath), config.remotes.flatMap(remote => (remote.vpn ? [remote.vpn] : [])));
	const verbose = config.settings.verbose;
	if (verbose && !out.verbose) out = makeOutput(io, {quiet: out.quiet, json: out.json, verbose: true, color: cli.color});

	const branch = cli.branch ?? repo.currentBranch;
	const needsBranch = cli.action === undefined || ['status', 'push'].includes(cli.action);
	if (!branch && needsBranch) throw new EnvironmentError('HEAD is detached: pass --branch NAME to choose the branch to sync');

	const localBranches = await listLocalBranches(where.cwd);
	const queue = await QueueStore.open(where.cwd);
	for (const warning of queue.warnings) out.warn(warning);
	const service = new SyncService({
		cwd: where.cwd,
		config: {...config, remotes: selected},
		repo,
		branch: branch ?? localBranches[0] ?? 'main',
		localBranches,
		queue,
		trust: where.trust,
	});
	// SPEC §6 has one code for "interrupted": Ctrl-C and SIGTERM (a supervisor, a killed CI job) both exit 130.
	const uninstall = installSignalCleanup(async () => service.dispose(), {exit: () => process.exit(exitCodes.interrupted)});
	try {
		const wantsDashboard = cli.tui || cli.demo || (cli.action === undefined && programName === 'remote-sync-tui');
		if (wantsDashboard && io.stdin.isTTY && io.stdout.isTTY && !io.env.REMOTE_SYNC_NO_TUI) {
			// ink decides at import time that CI=true means "no live frames, print at exit". On a
			// real terminal the user asked for the dashboard, so that guess must not apply.
			delete process.env.CI;
			delete process.env.CONTINUOUS_INTEGRATION;
			const {renderDashboard} = await import('../ui/render-dashboard.js');
			return await renderDashboard(service, {stdout: io.stdout, stdin: io.stdin});
		}

		if (wantsDashboard && !out.json) out.warn('not a terminal: printing the status instead of the dashboard');
		return await runHeadless(
			service,
			{
				action: cli.action ?? 'status',
				remotes: [],
				branch: branch ?? localBranches[0] ?? 'main',
				force: cli.force,
				fetch: cli.fetch,
				localBranches,
				queueFilter: {remotes: cli.remotes.length > 0 || cli.group ? selected.map(remote => remote.name) : undefined, branch: cli.branch},
			},
			out,
		);
	} finally {
		await service.dispose();
		uninstall();
	}
}
