import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {userInfo} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {pushOne} from '../../source/core/push/push-one.js';
import {fetchRemote} from '../../source/core/status/fetch.js';
import {probeRemote} from '../../source/core/status/health.js';
import {readRefs, type RefSnapshot} from '../../source/core/status/refs.js';
import {parseJson, runCli} from '../cli/run-cli.js';
import {isolateProductGit, remote, request} from '../core/push/helpers.js';
import {addPreReceiveHook, git, makeBare, makeRepo, onCleanup, tempDir, waitFor} from '../harness/index.js';
import {startSshd, type Sshd} from '../harness/sshd.js';

const trackingSha = (snapshot: RefSnapshot, remote: string, branch: string) => snapshot.refs.get(`refs/remotes/${remote}/${branch}`);

/**
 * ssh as users run it (SPEC §4, issue "ssh, for real"): a real sshd on loopback, the user's
 * own ssh setup honoured through each of git's mechanisms, and the failures ssh users meet
 * (a locked key, an unknown or changed host key, a server that freezes) classed and bounded.
 */

isolateProductGit();

type PushJson = {results: Array<{remote: string; status: string; attempts: number; errorClass?: string; error?: string}>; summary: {queued: number}};

/** A work repo with an ssh remote `box` on `sshd`, and the bare repository behind it. */
function sshRemote(sshd: Sshd): {repo: string; bare: string} {
	const repo = makeRepo();
	const bare = makeBare();
	git(repo, 'remote', 'add', 'box', sshd.url(bare));
	return {repo, bare};
}

/** The product reads process.env: set one variable for this test only. */
function setEnvForTest(key: string, value: string): void {
	const before = process.env[key];
	process.env[key] = value;
	onCleanup(() => {
		if (before === undefined) delete process.env[key];
		else process.env[key] = before;
	});
}

const landed = (repo: string, bare: string) => git(bare, 'rev-parse', 'refs/heads/main') === git(repo, 'rev-parse', 'main');

describe('ssh: a push and a fetch land, with the ssh setup the user chose', () => {
	it('core.sshCommand (per-account keys) is honoured: push and fetch', async () => {
		const sshd = await startSshd();
		const {repo, bare} = sshRemote(sshd);
		git(repo, 'config', 'core.sshCommand', sshd.clientConfig().sshCommand);

		expect(await pushOne(request(repo, remote('box')))).toMatchObject({status: 'pushed'});
		expect(landed(repo, bare)).toBe(true);

		const other = makeRepo();
		git(other, 'push', '-q', bare, 'main:topic');
		expect(await fetchRemote({cwd: repo, remote: remote('box'), timeoutSeconds: 30})).toMatchObject({ok: true});
		expect(trackingSha(await readRefs(repo), 'box', 'topic')).toBe(git(other, 'rev-parse', 'main'));
	});

	it('core.sshCommand is honoured by the program, which learns it in its start-up read (no lookup of its own before the push)', async () => {
		const sshd = await startSshd();
		const {repo, bare} = sshRemote(sshd);
		// An earlier, wrong value: git's last one counts, as for `git config --get`.
		git(repo, 'config', '--add', 'core.sshCommand', 'ssh -F /dev/null');
		git(repo, 'config', '--add', 'core.sshCommand', sshd.clientConfig().sshCommand);

		const run = await runCli(['--push', '--json', '--remote', 'box'], {cwd: repo});

		expect(parseJson<PushJson>(run).results).toEqual([expect.objectContaining({remote: 'box', status: 'pushed'})]);
		expect(landed(repo, bare)).toBe(true);
	});

	it("GIT_SSH_COMMAND is honoured, and ranks above core.sshCommand as in git", async () => {
		const sshd = await startSshd();
		const {repo, bare} = sshRemote(sshd);
		git(repo, 'config', 'core.sshCommand', 'ssh -F /dev/null');
		setEnvForTest('GIT_SSH_COMMAND', sshd.clientConfig().sshCommand);

		expect(await pushOne(request(repo, remote('box')))).toMatchObject({status: 'pushed'});
		expect(landed(repo, bare)).toBe(true);
	});

	it('~/.ssh/config is honoured (ssh reads it from the passwd home: a private mount puts ours there)', async () => {
		const sshd = await startSshd();
		const {repo, bare} = sshRemote(sshd);
		// A Host alias only ~/.ssh/config can resolve: the remote names no port and no real host.
		git(repo, 'remote', 'set-url', 'box', `ssh://${sshd.user}@rst-sshd-alias${bare}`);
		const home = tempDir('rst-ssh-home-');
		mkdirSync(path.join(home, '.ssh'), {mode: 0o700});
		const client = sshd.clientConfig();
		writeFileSync(path.join(home, '.ssh', 'config'), `Host rst-sshd-alias\n  HostName 127.0.0.1\n  Port ${sshd.port}\n${client.text}`, {mode: 0o600});
		const inPrivateHome = ['unshare', '--mount', '--', '/bin/sh', '-c', 'mount --bind "$0" "$1" && shift && exec "$@"', home, userInfo().homedir];

		const run = await runCli(['--push', '--json', '--remote', 'box'], {cwd: repo, env: {HOME: home}, prefix: inPrivateHome});

		expect(run.stderr).not.toMatch(/unshare|mount:/);
		expect(parseJson<PushJson>(run).results).toEqual([expect.objectContaining({remote: 'box', status: 'pushed'})]);
		expect(landed(repo, bare)).toBe(true);
	});
});

describe('ssh: failures are classed in seconds and never prompt', () => {
	it('a key with a passphrase and no agent is auth-failed at once, never a prompt, never retried', async () => {
		const sshd = await startSshd();
		const locked = sshd.newKey('correct horse');
		sshd.authorize(locked);
		const {repo, bare} = sshRemote(sshd);
		const run = await runCli(['--push', '--json', '--remote', 'box'], {
			cwd: repo,
			env: {GIT_SSH_COMMAND: sshd.clientConfig({key: locked}).sshCommand, SSH_AUTH_SOCK: ''},
			timeoutMs: 60_000,
		});

		const [result] = parseJson<PushJson>(run).results;
		expect(result).toMatchObject({remote: 'box', status: 'failed', errorClass: 'auth-failed', attempts: 1});
		expect(run.stdout + run.stderr).not.toMatch(/Enter passphrase/i);
		expect(existsSync(path.join(bare, 'refs', 'heads', 'main'))).toBe(false);
	});

	it('an unknown host key is host-key: ssh\'s words kept, the next step named, not retried, not queued, not accepted', async () => {
		const sshd = await startSshd();
		const {repo} = sshRemote(sshd);
		const client = sshd.clientConfig({knownHosts: 'empty'});
		writeFileSync(path.join(repo, '.remotesyncrc.json'), JSON.stringify({remotes: {box: {retry: 3}}, retry_base_delay: 0.01}));

		const run = await runCli(['--push', '--json', '--remote', 'box'], {cwd: repo, env: {GIT_SSH_COMMAND: client.sshCommand}});

		const document = parseJson<PushJson>(run);
		expect(document.results).toEqual([expect.objectContaining({remote: 'box', status: 'failed', errorClass: 'host-key', attempts: 1})]);
		const error = document.results[0]!.error!;
		expect(error).toMatch(/Host key verification failed/);
		expect(error).toContain(`ssh-keyscan -p ${sshd.port} 127.0.0.1 >> ~/.ssh/known_hosts`);
		expect(error).toMatch(/fingerprint/);
		expect(document.summary.queued).toBe(0);
		expect(run.exitCode).toBe(1);
		expect(readFileSync(client.knownHosts, 'utf8')).toBe('');
		const queue = parseJson<{entries: unknown[]}>(await runCli(['--show-queue', '--json'], {cwd: repo}));
		expect(queue.entries).toEqual([]);
	});

	it('a changed host key is host-key, for push and health alike, and known_hosts is left as it was', async () => {
		const sshd = await startSshd();
		const {repo, bare} = sshRemote(sshd);
		const client = sshd.clientConfig({knownHosts: 'other'});
		const before = readFileSync(client.knownHosts, 'utf8');
		git(repo, 'config', 'core.sshCommand', client.sshCommand);

		const result = await pushOne(request(repo, remote('box', {retry: 3})));
		expect(result).toMatchObject({status: 'failed', errorClass: 'host-key', attempts: 1});
		expect(result.error).toMatch(/REMOTE HOST IDENTIFICATION HAS CHANGED/);
		expect(result.error).toContain(`ssh-keyscan -p ${sshd.port} 127.0.0.1`);
		const health = await probeRemote({cwd: repo, remote: remote('box'), timeoutSeconds: 30});
		expect(health).toMatchObject({reachable: false, class: 'host-key'});
		expect(readFileSync(client.knownHosts, 'utf8')).toBe(before);
		expect(existsSync(path.join(bare, 'refs', 'heads', 'main'))).toBe(false);
	});

	it('a server that freezes mid-push is timeout after stall_timeout, well before the remote timeout', async () => {
		const sshd = await startSshd();
		const {repo, bare} = sshRemote(sshd);
		git(repo, 'config', 'core.sshCommand', sshd.clientConfig().sshCommand);
		const reached = path.join(tempDir('rst-mid-push-'), 'reached');
		addPreReceiveHook(bare, `touch '${reached}'\nsleep 300`);

		// stall_timeout also bounds the (silent) ssh handshake: leave it room on a loaded machine.
		const pushing = pushOne(request(repo, remote('box', {timeoutSeconds: 300, stallTimeoutSeconds: 5})));
		let early: unknown;
		void pushing.then(result => (early = result));
		await waitFor(() => existsSync(reached) || early !== undefined, {timeoutMs: 60_000, message: 'the push never reached the server'});
		expect(early, 'the push ended before it reached the server').toBeUndefined();
		for (const pid of sshd.sessionPids()) process.kill(pid, 'SIGSTOP');
		const result = await pushing;

		expect(result).toMatchObject({status: 'failed', errorClass: 'timeout'});
		expect(result.error).toMatch(/no answer for 5 s/);
		expect(result.durationMs).toBeLessThan(120_000);
	});
});
