import {execFileSync} from 'node:child_process';
import {chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {userInfo} from 'node:os';
import path from 'node:path';
import {canConnect, spawnGroup, waitFor} from './process.js';
import {freePort} from './ports.js';
import {onCleanup, tempDir} from './sandbox.js';

/**
 * A real OpenSSH server on 127.0.0.1, run as the current user (root in CI) from its own
 * config: its own host key, its own authorized_keys, no PAM, no password logins. git
 * reaches repositories through it as `ssh://<user>@127.0.0.1:<port>/<absolute path>`.
 * The client side is private too (clientConfig): a known_hosts file and a key of our own,
 * handed to ssh with -F or written as a ~/.ssh/config.
 */

export type SshKey = {privateKey: string; publicKey: string};

export type SshClientConfig = {
	/** The ssh_config text: host key file, identity, nothing from the machine. */
	text: string;
	/** A file holding `text` (for ssh -F). */
	file: string;
	knownHosts: string;
	/** `ssh -F <file>`: a value for GIT_SSH_COMMAND or core.sshCommand. */
	sshCommand: string;
};

export type Sshd = {
	port: number;
	user: string;
	url(repoPath: string): string;
	/** `[127.0.0.1]:port <type> <key>`: the line ssh-keyscan would print for this server. */
	knownHostsLine: string;
	/** A key without passphrase that the server accepts. */
	clientKey: SshKey;
	/** A new key pair (optionally with a passphrase); `authorize` to let it in. */
	newKey(passphrase?: string): SshKey;
	authorize(key: SshKey): void;
	/**
	 * A client config in a fresh directory. `knownHosts`: 'server' (this server's key),
	 * 'empty' (unknown host) or 'other' (a different key for this address: a changed key).
	 */
	clientConfig(options?: {key?: SshKey; knownHosts?: 'server' | 'empty' | 'other'}): SshClientConfig;
	/** Every process serving a connection now (sshd session children, git-receive-pack, hooks). */
	sessionPids(): number[];
	stop(): Promise<void>;
};

const sshdPath = '/usr/sbin/sshd';

function keygen(file: string, passphrase = ''): SshKey {
	execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', 'rst-test', '-f', file], {stdio: 'ignore'});
	return {privateKey: file, publicKey: `${file}.pub`};
}

function publicKeyText(key: SshKey): string {
	return readFileSync(key.publicKey, 'utf8').trim();
}

/** Processes whose parent chain leads to `root`, from Linux /proc. */
function descendants(root: number): number[] {
	const parentOf = new Map<number, number>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
		} catch {
			// Ended while we looked.
		}
	}

	const found: number[] = [];
	for (const pid of parentOf.keys()) {
		for (let up = parentOf.get(pid), hops = 0; up !== undefined && hops < 64; up = parentOf.get(up), hops++) {
			if (up === root) {
				found.push(pid);
				break;
			}
		}
	}

	return found;
}

function signalAll(pids: number[], signal: NodeJS.Signals): void {
	for (const pid of pids) {
		try {
			process.kill(pid, signal);
		} catch {
			// Already gone.
		}
	}
}

export async function startSshd(): Promise<Sshd> {
	if (!existsSync(sshdPath)) throw new Error(`${sshdPath} is missing: install openssh-server (.ci/run does)`);
	const dir = tempDir('rst-sshd-');
	chmodSync(dir, 0o700);
	const user = userInfo().username;
	const hostKey = keygen(path.join(dir, 'host_ed25519'));
	const clientKey = keygen(path.join(dir, 'client_ed25519'));
	const authorizedKeys = path.join(dir, 'authorized_keys');
	writeFileSync(authorizedKeys, `${publicKeyText(clientKey)}\n`, {mode: 0o600});
	// sshd refuses to start without its privilege separation directory (absent in fresh containers).
	if (process.getuid?.() === 0) mkdirSync('/run/sshd', {recursive: true, mode: 0o755});

	let lastError = '';
	for (let attempt = 0; attempt < 3; attempt++) {
		const port = await freePort();
		const config = path.join(dir, 'sshd_config');
		writeFileSync(
			config,
			[
				`Port ${port}`,
				'ListenAddress 127.0.0.1',
				`HostKey ${hostKey.privateKey}`,
				`PidFile ${path.join(dir, 'sshd.pid')}`,
				`AuthorizedKeysFile ${authorizedKeys}`,
				'PermitRootLogin prohibit-password',
				'StrictModes no',
				'UsePAM no',
				'PasswordAuthentication no',
				'KbdInteractiveAuthentication no',
				'PubkeyAuthentication yes',
				'AllowTcpForwarding no',
				'X11Forwarding no',
				'PrintMotd no',
				'LogLevel VERBOSE',
				'',
			].join('\n'),
		);
		const server = spawnGroup(sshdPath, ['-D', '-e', '-f', config], {env: {PATH: process.env.PATH ?? '/usr/bin:/bin'}});
		const stop = async () => {
			// Frozen sessions (SIGSTOP in a test) take SIGKILL only after SIGCONT delivers it.
			const sessions = descendants(server.pid);
			signalAll(sessions, 'SIGCONT');
			signalAll(sessions, 'SIGKILL');
			await server.stop();
		};

		onCleanup(stop);
		await waitFor(async () => server.hasExited() || (await canConnect(port)), {timeoutMs: 10_000, message: `sshd did not listen on ${port}: ${server.stderr()}`});
		if (server.hasExited()) {
			lastError = server.stderr();
			await stop();
			continue;
		}

		const knownHostsLine = `[127.0.0.1]:${port} ${publicKeyText(hostKey).split(' ').slice(0, 2).join(' ')}`;
		const otherHostKey = keygen(path.join(dir, `other_host_${port}`));
		const otherLine = `[127.0.0.1]:${port} ${publicKeyText(otherHostKey).split(' ').slice(0, 2).join(' ')}`;
		return {
			port,
			user,
			url: repoPath => `ssh://${user}@127.0.0.1:${port}${path.resolve(repoPath)}`,
			knownHostsLine,
			clientKey,
			newKey: passphrase => keygen(path.join(tempDir('rst-ssh-key-'), 'id_ed25519'), passphrase),
			authorize: key => writeFileSync(authorizedKeys, `${publicKeyText(key)}\n`, {flag: 'a'}),
			clientConfig(options = {}) {
				const client = tempDir('rst-ssh-client-');
				const knownHosts = path.join(client, 'known_hosts');
				const which = options.knownHosts ?? 'server';
				writeFileSync(knownHosts, which === 'server' ? `${knownHostsLine}\n` : which === 'other' ? `${otherLine}\n` : '');
				const text = [
					'Host *',
					`  UserKnownHostsFile ${knownHosts}`,
					'  GlobalKnownHostsFile /dev/null',
					`  IdentityFile ${(options.key ?? clientKey).privateKey}`,
					'  IdentitiesOnly yes',
					'',
				].join('\n');
				const file = path.join(client, 'ssh_config');
				writeFileSync(file, text, {mode: 0o600});
				return {text, file, knownHosts, sshCommand: `ssh -F ${file}`};
			},
			sessionPids: () => descendants(server.pid),
			stop,
		};
	}

	throw new Error(`sshd would not start: ${lastError.trim()}`);
}
