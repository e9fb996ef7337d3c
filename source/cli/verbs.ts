import {loadConfig} from '../core/config/load.js';
import type {ResolvedVpn} from '../core/config/schema.js';
import {exitCodes} from '../core/errors.js';
import {vpnCommands} from '../core/trust/fingerprint.js';
import type {TrustStore} from '../core/trust/trust-store.js';
import {initConfig} from '../setup/init-config.js';
import {installHook, uninstallHook} from '../setup/install-hook.js';
import {headlessBin} from '../install-paths.js';
import type {ParsedCli, SetupVerb} from './flags.js';
import type {Io, Output} from './output.js';

type VerbContext = {cli: ParsedCli; cwd: string; io: Io; out: Output; trust: TrustStore};

/** The command a hook runs: this very node and script, so it works without a global install. */
function selfCommand(): string[] {
	return [process.execPath, headlessBin];
}

export async function runVerb(verb: SetupVerb, context: VerbContext): Promise<number> {
	const {cli, cwd, out} = context;
	switch (verb) {
		case 'init': {
			const {file, remotes} = await initConfig(cwd, {force: cli.force});
			out.result(`wrote ${file} with ${remotes.length} remote(s): ${remotes.join(', ') || 'none yet'}\n`);
			out.result('next: review it, then run remote-sync --status (or remote-sync-tui)\n');
			return exitCodes.ok;
		}

		case 'trust': {
			const config = await loadConfig({cwd, configPath: cli.config, env: context.io.env});
			const vpns = uniqueVpns(config.remotes.flatMap(remote => (remote.vpn?.source ? [remote.vpn] : [])));
			if (vpns.length === 0) {
				out.result('nothing to trust: no repository config file defines VPN commands\n');
				return exitCodes.ok;
			}

			const byFile = new Map<string, ResolvedVpn[]>();
			for (const vpn of vpns) byFile.set(vpn.source!, [...(byFile.get(vpn.source!) ?? []), vpn]);
			for (const [file, fileVpns] of byFile) {
				out.result(`trusting the commands of ${file}:\n`);
				for (const vpn of fileVpns) for (const {key, command} of vpnCommands(vpn)) out.result(`  ${vpn.name}.${key}: ${command}\n`);
				context.trust.trust(file, fileVpns);
			}

			out.result('these commands may now run; a changed command needs remote-sync trust again\n');
			return exitCodes.ok;
		}

		case 'install-hook': {
			const kind = cli.hookKind ?? 'pre-push';
			const change = await installHook(cwd, kind, selfCommand());
			const verbs = {installed: 'installed', 'already-installed': 'already installed (unchanged)', chained: 'installed; your existing hook still runs first'} as const;
			out.result(`${kind} hook ${verbs[change.action as keyof typeof verbs] ?? change.action}: ${change.path}\n`);
			return exitCodes.ok;
		}

		case 'uninstall-hook': {
			const kinds = cli.hookKind ? [cli.hookKind] : (['pre-push', 'post-commit'] as const);
			for (const kind of kinds) {
				const change = await uninstallHook(cwd, kind);
				if (change.action !== 'absent') out.result(`${kind} hook ${change.action}: ${change.path}\n`);
				else if (cli.hookKind) out.result(`no remote-sync ${kind} hook to remove\n`);
			}

			return exitCodes.ok;
		}
	}
}

function uniqueVpns(vpns: ResolvedVpn[]): ResolvedVpn[] {
	const seen = new Map<string, ResolvedVpn>();
	for (const vpn of vpns) seen.set(`${vpn.source}\u0000${vpn.name}`, vpn);
	return [...seen.values()];
}
