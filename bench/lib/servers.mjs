import net from 'node:net';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {spawnGroup, waitFor} from './proc.mjs';

const netServer = path.join(path.dirname(fileURLToPath(import.meta.url)), 'net-server.mjs');

export async function freePort() {
	const server = net.createServer();
	await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address();
	await new Promise(resolve => server.close(resolve));
	return port;
}

export function canConnect(port) {
	return new Promise(resolve => {
		const socket = net.connect({host: '127.0.0.1', port});
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/** A real `git daemon` on 127.0.0.1 serving every repository under `basePath`, pushes included. */
export async function startGitDaemon(basePath, env) {
	let lastError = '';
	for (let attempt = 0; attempt < 3; attempt++) {
		const port = await freePort();
		const daemon = spawnGroup(
			'git',
			['daemon', '--reuseaddr', '--listen=127.0.0.1', `--port=${port}`, `--base-path=${basePath}`, '--export-all', '--enable=receive-pack', '--informative-errors'],
			{cwd: basePath, env},
		);
		await waitFor(async () => daemon.hasExited() || (await canConnect(port)), {timeoutMs: 10_000, message: `git daemon on port ${port}`});
		if (!daemon.hasExited()) return {port, url: repo => `git://127.0.0.1:${port}/${repo}`, stop: daemon.stop};
		lastError = daemon.stderr();
		await daemon.stop();
	}
	throw new Error(`git daemon would not start (is git-daemon installed?): ${lastError.trim()}`);
}

async function startNetServer(args, what) {
	const server = spawnGroup(process.execPath, [netServer, ...args]);
	const port = await waitFor(() => /PORT (\d+)/.exec(server.stdout())?.[1] ?? (server.hasExited() ? 'exited' : undefined), {timeoutMs: 10_000, message: what});
	if (port === 'exited') throw new Error(`${what} did not start: ${server.stderr()}`);
	return {port: Number(port), stop: server.stop};
}

/** A TCP proxy to `targetPort` that delays every chunk `delayMs` in each direction. */
export async function startDelayProxy(targetPort, delayMs) {
	const {port, stop} = await startNetServer(['proxy', String(targetPort), String(delayMs)], 'delay proxy');
	return {port, stop, url: repo => `git://127.0.0.1:${port}/${repo}`};
}

/** A socket that accepts connections and never says a word: a host that hangs. */
export async function startSilentSocket() {
	const {port, stop} = await startNetServer(['silent'], 'silent socket');
	return {port, stop, url: repo => `git://127.0.0.1:${port}/${repo}`};
}
