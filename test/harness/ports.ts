import net from 'node:net';
import {onCleanup} from './sandbox.js';

/** A TCP port on 127.0.0.1 that was free a moment ago (bind to 0, read it, close). */
export async function freePort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const address = server.address();
	await new Promise<void>(resolve => server.close(() => resolve()));
	if (address === null || typeof address === 'string') throw new Error('could not read the port of a loopback socket');
	return address.port;
}

/** A port with nothing listening: connections are refused at once (an unreachable host). */
export async function startRefusingPort(): Promise<{port: number; url: string; httpUrl: string}> {
	const port = await freePort();
	return {port, url: `git://127.0.0.1:${port}/repo.git`, httpUrl: `http://127.0.0.1:${port}/repo.git`};
}

/** A listening server on 127.0.0.1 whose open sockets are all destroyed on stop (idempotent). */
export async function listenTracked(
	onSocket: (socket: net.Socket) => void,
	options: {allowHalfOpen?: boolean; beforeStop?: () => void; port?: number} = {},
): Promise<{port: number; server: net.Server; sockets: Set<net.Socket>; stop(): Promise<void>}> {
	const sockets = new Set<net.Socket>();
	const server = net.createServer({allowHalfOpen: options.allowHalfOpen ?? false}, socket => {
		sockets.add(socket);
		socket.once('close', () => sockets.delete(socket));
		onSocket(socket);
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', resolve);
	});
	const address = server.address();
	if (address === null || typeof address === 'string') throw new Error('could not read the port of a loopback server');
	let stopping: Promise<void> | undefined;
	const stop = () => {
		stopping ??= new Promise<void>(resolve => {
			options.beforeStop?.();
			server.close(() => resolve());
			for (const socket of sockets) socket.destroy();
		});
		return stopping;
	};

	onCleanup(stop);
	return {port: address.port, server, sockets, stop};
}

/**
 * Accepts connections and never answers: a host behind a black-holing firewall. git waits
 * until its own timeout (or ours) kills it.
 */
export async function startSilentSocket(): Promise<{port: number; url: string; httpUrl: string; stop(): Promise<void>}> {
	const {port, stop} = await listenTracked(socket => {
		socket.on('error', () => undefined);
		socket.resume(); // Swallow what the client sends so it is never blocked on writing.
	});
	return {port, url: `git://127.0.0.1:${port}/repo.git`, httpUrl: `http://127.0.0.1:${port}/repo.git`, stop};
}
