// Loopback TCP helpers run in their own process, so the benchmark's own (sometimes
// synchronous) work never delays a byte:
//   node net-server.mjs proxy <targetPort> <delayMs>   a slow link: every chunk waits delayMs
//                                                      in each direction, order preserved
//   node net-server.mjs silent                         accepts connections and never answers
// Prints "PORT <n>" once listening; exits when its stdin closes (the benchmark went away).
import net from 'node:net';

const [mode, targetArg, delayArg] = process.argv.slice(2);
const sockets = new Set();

/** A queue per direction (not one timer per chunk): order holds even when the loop is late. */
function delayedPipe(to, delayMs) {
	const queue = [];
	let timer;
	const flush = () => {
		timer = undefined;
		const now = performance.now();
		while (queue.length > 0 && queue[0].due <= now + 0.5) {
			const {chunk} = queue.shift();
			if (to.destroyed) continue;
			if (chunk === 'end') to.end();
			else to.write(chunk);
		}
		if (queue.length > 0) timer = setTimeout(flush, Math.max(0, queue[0].due - performance.now()));
	};
	return chunk => {
		queue.push({due: performance.now() + delayMs, chunk});
		timer ??= setTimeout(flush, delayMs);
	};
}

function proxy(client, targetPort, delayMs) {
	const upstream = net.connect({host: '127.0.0.1', port: targetPort, allowHalfOpen: true});
	sockets.add(upstream);
	upstream.once('close', () => sockets.delete(upstream));
	const toUpstream = delayedPipe(upstream, delayMs);
	const toClient = delayedPipe(client, delayMs);
	const kill = () => {
		client.destroy();
		upstream.destroy();
	};
	client.on('data', chunk => toUpstream(chunk));
	client.on('end', () => toUpstream('end'));
	upstream.on('data', chunk => toClient(chunk));
	upstream.on('end', () => toClient('end'));
	client.on('error', kill);
	upstream.on('error', kill);
}

const server = net.createServer({allowHalfOpen: true}, socket => {
	sockets.add(socket);
	socket.once('close', () => sockets.delete(socket));
	if (mode === 'proxy') proxy(socket, Number(targetArg), Number(delayArg));
	// silent: keep the socket open, read nothing back, answer nothing.
	else socket.on('error', () => {});
});

if (mode !== 'proxy' && mode !== 'silent') {
	process.stderr.write('usage: net-server.mjs proxy <targetPort> <delayMs> | silent\n');
	process.exit(2);
}

server.listen(0, '127.0.0.1', () => process.stdout.write(`PORT ${server.address().port}\n`));
const stop = () => {
	server.close();
	for (const socket of sockets) socket.destroy();
	process.exit(0);
};
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
