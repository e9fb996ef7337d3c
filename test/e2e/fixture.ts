import {randomBytes} from 'node:crypto';
import {mkdirSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {addPreReceiveHook, commit, git, makeBare, makeRepo, startRefusingPort, tempDir} from '../harness/index.js';
import {cliPath, runCli} from '../cli/run-cli.js';

/**
 * A repository for the dashboard end-to-end tests, with remotes whose behaviour the screen
 * can be checked against:
 * - alpha, beta: slow servers (a pre-receive hook that takes 2 s / 5 s), so their progress
 *   rows stay on screen long enough to read;
 * - fast: a plain local bare repository;
 * - guarded: diverged, force_push "warn" (the confirmation dialog);
 * - dead: a closed loopback port (unreachable; its push is queued);
 * - inside: behind a VPN whose commands are real shell commands (trusted first).
 */
export type DashboardFixture = {
	repo: string;
	bares: Record<'alpha' | 'beta' | 'fast' | 'guarded' | 'inside', string>;
	env: Record<string, string>;
	localSha: string;
	vpnLink: string;
	vpnLog: string;
	command: string;
};

export async function dashboardFixture(): Promise<DashboardFixture> {
	const repo = makeRepo();
	const names = ['alpha', 'beta', 'fast', 'guarded', 'inside'] as const;
	const bares = Object.fromEntries(names.map(name => [name, makeBare()])) as DashboardFixture['bares'];
	for (const name of names) {
		git(repo, 'remote', 'add', name, name === 'inside' ? 'placeholder' : bares[name]);
		if (name !== 'inside') git(repo, 'push', '-q', name, 'main');
	}

	// guarded gets a commit we lack: pushing there needs a (confirmed) force.
	const other = tempDir('rst-other-');
	git(other, 'clone', '-q', bares.guarded, '.');
	commit(other, 'Their rewrite on guarded');
	git(other, 'push', '-q', 'origin', 'main');
	git(repo, 'fetch', '-q', 'guarded');

	addPreReceiveHook(bares.alpha, 'cat >/dev/null\nsleep 2');
	addPreReceiveHook(bares.beta, 'cat >/dev/null\nsleep 5');
	const {url: deadUrl} = await startRefusingPort();
	git(repo, 'remote', 'add', 'dead', deadUrl);

	// The VPN's "network": inside.git exists only while connected.
	const net = tempDir('rst-vpn-net-');
	const vpnLink = path.join(net, 'inside.git');
	const vpnLog = path.join(net, 'vpn.log');
	git(repo, 'remote', 'set-url', 'inside', vpnLink);
	symlinkSync(bares.inside, vpnLink);
	git(repo, 'push', '-q', 'inside', 'main');
	git(repo, 'fetch', '-q', 'inside');
	// Disconnected until we connect it.
	(await import('node:fs')).rmSync(vpnLink);

	// New work with enough data for git to report progress.
	mkdirSync(path.join(repo, 'assets'), {recursive: true});
	writeFileSync(path.join(repo, 'assets', 'blob.bin'), randomBytes(400 * 1024));
	git(repo, 'add', 'assets');
	git(repo, 'commit', '-q', '-m', 'Add assets');
	const localSha = git(repo, 'rev-parse', 'HEAD');

	const q = (value: string) => `'${value.replaceAll("'", "'\\''")}'`;
	writeFileSync(
		path.join(repo, '.remotesyncrc.json'),
		JSON.stringify(
			{
				max_workers: 6,
				auto_fetch: false,
				health_check_timeout: 3,
				retry_base_delay: 0.05,
				retry_max_delay: 0.1,
				remotes: {
					alpha: {priority: 1},
					beta: {priority: 2},
					fast: {priority: 3},
					guarded: {priority: 4, force_push: 'warn'},
					dead: {priority: 5, retry: 0},
					inside: {priority: 6, vpn: 'office'},
				},
				vpn: {
					office: {
						connect_cmd: `echo connect >> ${q(vpnLog)} && ln -s ${q(bares.inside)} ${q(vpnLink)}`,
						disconnect_cmd: `echo disconnect >> ${q(vpnLog)} && rm -f ${q(vpnLink)}`,
						check_cmd: `test -e ${q(vpnLink)}`,
						timeout: 10,
					},
				},
			},
			null,
			2,
		),
	);

	const home = tempDir('rst-e2e-home-');
	const env = {XDG_CONFIG_HOME: path.join(home, '.config'), HOME: home, GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1', CI: 'false'};
	writeFileSync(path.join(home, '.gitconfig'), '[user]\n\tname = Test\n\temail = test@example.invalid\n');
	const trusted = await runCli(['trust'], {cwd: repo, env});
	if (trusted.exitCode !== 0) throw new Error(`trust failed: ${trusted.stderr}`);
	return {repo, bares, env, localSha, vpnLink, vpnLog, command: `${process.execPath} ${cliPath} --tui`};
}

/** The screen line of a remote's row: its name is among the first columns' words. */
export function rowOf(screen: string, remote: string): string {
	return screen.split('\n').find(line => line.slice(0, 26).split(/\s+/).includes(remote)) ?? '';
}
