import net from 'node:net';
import {listenTracked} from './ports.js';
import {realClearTimeout, realSetTimeout} from './process.js';

export type DelayProxyOptions = {
	targetPort: number;
	/** Added to every chunk, in each direction, order preserved: a slow (high-latency) link. */
	delayMs: number;
	/** Cut the connection once this many bytes (both directions together) went through. */
	dropAfterBytes?: number;
	/** Listen on this port (a remote that went away and comes back at the same address); default any free one. */
	port?: number;
};

export type DelayProxy = {
	port: number;
	/** git://127.0.0.1:port/<repoRelativePath>: git protocol through the proxy. */
	url(repoRelativePath: string): string;
	/** http://127.0.0.1:port/<repoRelativePath>, for a proxied HTTP git server. */
	httpUrl(repoRelativePath: string): string;
	/** Connections accepted so far. */
	connections(): number;
	/** Refuse new connections from now on; those already open carry on (a link that half goes away). */
	stopListening(): void;
	stop(): Promise<void>;
};

type Item = {due: number; chunk: Buffer | 'end' | 'drop'};

/**
 * Holds every chunk `delayMs` before writing it on. A queue (not one timer per chunk)
 * keeps the order even when the event loop is late.
 */
class DelayedPipe {
	private readonly queue: Item[] = [];
	private timer: ReturnType<typeof realSetTimeout> | undefined;

	constructor(
		private readonly to: net.Socket,
		private readonly delayMs: number,
		private readonly onDrop: () => void,
	) {}

	push(chunk: Item['chunk']): void {
		this.queue.push({due: performance.now() + this.delayMs, chunk});
		this.timer ??= this.schedule();
	}

	cancel(): void {
		if (this.timer) realClearTimeout(this.timer);
		this.timer = undefined;
		this.queue.length = 0;
	}

	private schedule(): ReturnType<typeof realSetTimeout> | undefined {
		const head = this.queue[0];
		if (!head) return undefined;
		return realSetTimeout(() => this.flush(), Math.max(0, head.due - performance.now()));
	}

	private flush(): void {
		this.timer = undefined;
		const now = performance.now();
		while (this.queue[0] && this.queue[0].due <= now + 1) {
			const {chunk} = this.queue.shift()!;
			if (chunk === 'drop') return this.onDrop();
			if (this.to.destroyed) continue;
			if (chunk === 'end') this.to.end();
			else this.to.write(chunk);
		}

		this.timer = this.schedule();
	}
}

/** A TCP proxy on 127.0.0.1 to `targetPort` that makes the link slow, or breaks it mid-transfer. */
export async function startDelayProxy(options: DelayProxyOptions): Promise<DelayProxy> {
	let accepted = 0;
	const open = new Set<() => void>();
	const {port, server, stop} = await listenTracked(
		client => {
			accepted++;
			const upstream = net.connect({host: '127.0.0.1', port: options.targetPort, allowHalfOpen: true});
			let forwarded = 0;
			let dropping = false;
			const drop = () => {
				open.delete(drop);
				toUpstream.cancel();
				toClient.cancel();
				client.destroy();
				upstream.destroy();
			};
			open.add(drop);

			const toUpstream = new DelayedPipe(upstream, options.delayMs, drop);
			const toClient = new DelayedPipe(client, options.delayMs, drop);
			const relay = (from: net.Socket, pipe: DelayedPipe) => {
				from.on('data', (chunk: Buffer) => {
					if (dropping) return;
					const limit = options.dropAfterBytes;
					if (limit !== undefined && forwarded + chunk.length >= limit) {
						// Forward exactly up to the limit, then cut both sides: a link that dies mid-push.
						dropping = true;
						pipe.push(chunk.subarray(0, limit - forwarded));
						pipe.push('drop');
						from.pause();
						return;
					}

					forwarded += chunk.length;
					pipe.push(chunk);
				});
				from.on('end', () => pipe.push('end'));
				from.on('error', drop);
			};

			relay(client, toUpstream);
			relay(upstream, toClient);
			// Nothing can reach a closed client any more: once what it sent is through, close upstream.
			client.once('close', () => toUpstream.push('drop'));
			upstream.once('close', () => toClient.push('end'));
		},
		{
			allowHalfOpen: true,
			port: options.port,
			beforeStop: () => {
				for (const drop of open) drop();
			},
		},
	);
	const trim = (repoPath: string) => repoPath.replace(/^\/+/, '');
	return {
		port,
		url: repoPath => `git://127.0.0.1:${port}/${trim(repoPath)}`,
		httpUrl: repoPath => `http://127.0.0.1:${port}/${trim(repoPath)}`,
		connections: () => accepted,
		stopListening: () => {
			// The listening socket closes now; close()'s callback would wait for the open connections.
			server.close();
		},
		stop,
	};
}
