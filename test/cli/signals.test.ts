import {spawn} from 'node:child_process';
import {existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {commit, delay, git, gitEnv, makeRepo, onCleanup, startSilentSocket, tempDir, waitFor} from '../harness/index.js';
import {processesMentioning} from '../core/service/processes.js';
import {cliPath} from './run-cli.js';

/**
 * Ctrl-C, SIGTERM and a closed terminal (SIGHUP) in the middle of pushes (SPEC §4, §6): the program
 * stops its git processes, disconnects the VPN it connected, removes its temporary files and exits
 * 130 (SIGINT, SIGHUP) / 143 (SIGTERM). Both remotes accept the
 * connection and never answer, so the pushes are still running when the signal comes.
 */

type Interrupted = {repo: string; marker: string; upMarker: string; log: string; tmp: string; start(): Running};
type Running = {signal(name: NodeJS.Signals): void; exited: Promise<number | null>; output(): string};

async function pushesThatHang(): Promise<Interrupted> {
	const silent = await startSilentSocket();
	// git runs with the remote's name: a unique one finds exactly these processes in /proc.
	const marker = `sig-${process.pid}-${Date.now()}`;
	const repo = makeRepo();
	git(repo, 'remote', 'add', `${marker}-plain`, `git://127.0.0.1:${silent.port}/plain.git`);
	git(repo, 'remote', 'add', `${marker}-vpn`, `git://127.0.0.1:${silent.port}/office.git`);
	commit(repo, 'work that is being pushed');

	const vpnDir = tempDir('rst-sig-vpn-');
	const upMarker = path.join(vpnDir, 'UP');
	const log = path.join(vpnDir, 'commands.log');
	// The user's own config (trusted): its VPN commands run without `trust`.
	const xdg = tempDir('rst-sig-xdg-');
	mkdirSync(path.join(xdg, 'remote-sync'));
	writeFileSync(
		path.join(xdg, 'remote-sync', 'config.json'),
		JSON.stringify({
			health_check_timeout: 1,
			remotes: {[`${marker}-plain`]: {retry: 0, timeout: 60}, [`${marker}-vpn`]: {vpn: 'office', retry: 0, timeout: 60}},
			vpn: {
				office: {
					connect_cmd: `echo connect >> '${log}' && touch '${upMarker}'`,
					check_cmd: `echo check >> '${log}' && test -e '${upMarker}'`,
					disconnect_cmd: `echo disconnect >> '${log}' && rm -f '${upMarker}'`,
					timeout: 5,
				},
			},
		}),
	);

	const tmp = tempDir('rst-sig-tmp-');
	const start = (): Running => {
		// Its own temp dir: the pushes' private directory must be gone after the signal too.
		const env: NodeJS.ProcessEnv = {...gitEnv(), XDG_CONFIG_HOME: xdg, NO_COLOR: '1', TMPDIR: tmp};
		for (const key of Object.keys(env)) if (key.startsWith('REMOTE_SYNC_')) delete env[key];
		const child = spawn(process.execPath, [cliPath, '--push'], {cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe']});
		let output = '';
		child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
		child.stderr.setEncoding('utf8').on('data', (text: string) => (output += text));
		const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)));
		onCleanup(() => {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
		});
		return {signal: name => child.kill(name), exited, output: () => output};
	};

	return {repo, marker, upMarker, log, tmp, start};
}

async function exitWithin(running: Running, ms: number): Promise<number | null | 'still running'> {
	return Promise.race([running.exited, delay(ms).then(() => 'still running' as const)]);
}

describe('interrupting --push (SPEC §6: 130 interrupted, 143 terminated)', () => {
	for (const [signal, code] of [
		['SIGINT', 130],
		['SIGTERM', 143],
		['SIGHUP', 130],
	] as const) {
		it(`${signal}: exits ${code}, leaves no git process, and disconnects the VPN it connected`, async () => {
			const setup = await pushesThatHang();
			const running = setup.start();
			await waitFor(
				() => existsSync(setup.upMarker) && processesMentioning(`${setup.marker}-vpn`).length > 0 && processesMentioning(`${setup.marker}-plain`).length > 0,
				{timeoutMs: 20_000, message: `both pushes running and the VPN connected; output so far:\n${running.output()}`},
			);

			running.signal(signal);

			expect(await exitWithin(running, 15_000)).toBe(code);
			await waitFor(() => processesMentioning(setup.marker).length === 0, {timeoutMs: 2000, message: 'git processes outlived the program'});
			expect(readFileSync(setup.log, 'utf8').trim().split('\n').filter(line => line !== 'check')).toEqual(['connect', 'disconnect']);
			expect(existsSync(setup.upMarker)).toBe(false);
			expect(readdirSync(setup.tmp)).toEqual([]);
			expect(running.output()).not.toMatch(/\n\s+at .+:\d+:\d+/);
			const queueFile = path.join(setup.repo, '.git', 'remote-sync', 'queue.json');
			if (existsSync(queueFile)) expect(() => JSON.parse(readFileSync(queueFile, 'utf8')) as unknown).not.toThrow();
		});
	}
});
