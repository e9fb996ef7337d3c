import {chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {TrustStore} from '../core/trust/trust-store.js';
import {commit, git} from './demo-git.js';

/**
 * `--demo`: a throw-away world of real repositories so a new user sees every state with
 * nothing but git installed. Remotes: in sync, behind, ahead, diverged (force_push: warn),
 * slow (a hook that takes its time), unreachable (a closed loopback port) and one behind a
 * simulated VPN (the "network" appears when connect_cmd links it in). The VPN commands are
 * trusted in a trust store that lives inside the sandbox, never the user's own.
 */
export type DemoSandbox = {
	root: string;
	repo: string;
	configPath: string;
	trust: TrustStore;
	cleanup(): Promise<void>;
};

async function closedPort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 9;
			server.close(() => resolve(port));
		});
	});
}

export async function createDemoSandbox(): Promise<DemoSandbox> {
	const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'remote-sync-demo-')));
	const remove = () => rmSync(root, {recursive: true, force: true});
	// However the program ends (quit, a signal's exit, a crash), the sandbox goes with it.
	process.once('exit', remove);
	const cleanup = async () => {
		remove();
		process.off('exit', remove);
	};
	try {
		return await build(root, cleanup);
	} catch (error) {
		await cleanup();
		throw error;
	}
}

async function build(root: string, cleanup: () => Promise<void>): Promise<DemoSandbox> {
	const repo = path.join(root, 'my-project');
	const bare = (name: string) => path.join(root, 'servers', `${name}.git`);
	mkdirSync(repo, {recursive: true});
	await git(repo, 'init', '-q', '-b', 'main');
	await commit(repo, 'Initial commit');
	await commit(repo, 'Add README');
	await commit(repo, 'Add CI workflow');
	const base = await git(repo, 'rev-parse', 'HEAD');

	for (const name of ['origin', 'github', 'gitlab', 'backup', 'slow-mirror', 'internal']) {
		mkdirSync(bare(name), {recursive: true});
		await git(bare(name), 'init', '-q', '--bare', '-b', 'main');
		await git(repo, 'push', '-q', bare(name), 'main:refs/heads/main');
	}

	// backup has a commit we do not have: pushing there would need a force.
	const rogue = path.join(root, 'rogue');
	await git(root, 'clone', '-q', bare('backup'), rogue);
	await commit(rogue, 'Experimental rewrite on the backup');
	await git(rogue, 'push', '-q', 'origin', 'main');

	// Our new work, with enough data for push progress to show.
	await commit(repo, 'Add design assets', 6 * 1024 * 1024);
	await commit(repo, 'Polish the dashboard');
	await git(repo, 'push', '-q', bare('origin'), 'main:refs/heads/main');
	await git(repo, 'push', '-q', bare('gitlab'), 'main:refs/heads/main');
	// gitlab is ahead of us: a teammate pushed a hotfix there on top of our work.
	const other = path.join(root, 'teammate');
	await git(root, 'clone', '-q', bare('gitlab'), other);
	await commit(other, 'Hotfix from a teammate');
	await git(other, 'push', '-q', 'origin', 'main');
	// A second local branch for the branch picker (b) and --push-all.
	await git(repo, 'checkout', '-q', '-b', 'feature/login', base);
	await commit(repo, 'WIP: login form');
	await git(repo, 'checkout', '-q', 'main');

	const hook = path.join(bare('slow-mirror'), 'hooks', 'pre-receive');
	writeFileSync(hook, '#!/bin/sh\n# The demo\'s slow link: the server takes its time to accept.\ncat >/dev/null\nsleep 4\n');
	chmodSync(hook, 0o755);

	// The VPN: internal.git is reachable only through vpn-net/, which connect_cmd links in.
	const vpnNet = path.join(root, 'vpn-net');
	mkdirSync(vpnNet, {recursive: true});
	const vpnUrl = path.join(vpnNet, 'internal.git');
	const port = await closedPort();

	const remotes: Record<string, string> = {
		origin: bare('origin'),
		github: bare('github'),
		gitlab: bare('gitlab'),
		backup: bare('backup'),
		'slow-mirror': bare('slow-mirror'),
		offline: `git://127.0.0.1:${port}/offline.git`,
		internal: vpnUrl,
	};
	for (const [name, url] of Object.entries(remotes)) await git(repo, 'remote', 'add', name, url);
	for (const name of ['origin', 'github', 'gitlab', 'backup', 'slow-mirror']) await git(repo, 'fetch', '-q', name);

	const configPath = path.join(root, 'remote-sync.demo.json');
	const q = (value: string) => `'${value.replaceAll("'", "'\\''")}'`;
	const config = {
		remotes: {
			origin: {priority: 1},
			github: {priority: 2, group: 'mirrors'},
			gitlab: {priority: 2, group: 'mirrors'},
			backup: {priority: 3, force_push: 'warn'},
			'slow-mirror': {priority: 4, group: 'mirrors', timeout: 60},
			offline: {priority: 5, retry: 1, timeout: 5},
			internal: {priority: 6, branches: ['main', 'release/*'], vpn: 'demo-vpn'},
		},
		vpn: {
			'demo-vpn': {
				connect_cmd: `sleep 1 && ln -sfn ${q(bare('internal'))} ${q(vpnUrl)}`,
				disconnect_cmd: `rm -f ${q(vpnUrl)}`,
				check_cmd: `test -e ${q(vpnUrl)}`,
				timeout: 10,
			},
		},
		max_workers: 6,
		health_check_timeout: 3,
		retry_base_delay: 0.2,
		retry_max_delay: 1,
		auto_fetch: false,
	};
	writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`);

	const trust = new TrustStore({cwd: path.join(root, 'trust')});
	return {root, repo, configPath, trust, cleanup};
}
