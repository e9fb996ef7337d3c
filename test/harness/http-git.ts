import {execFileSync} from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import {spawnGroup, type GroupProcess} from './process.js';
import {gitEnv} from './repo.js';
import {onCleanup} from './sandbox.js';

export type HttpGitRequest = {
	method: string;
	path: string;
	status: number;
	authenticated: boolean;
	/** The body came with Transfer-Encoding: chunked (git does that past http.postBuffer). */
	chunked: boolean;
	contentEncoding?: string;
};

export type HttpGitServer = {
	port: number;
	/** http://127.0.0.1:port/<repoRelativePath>, without credentials. */
	url(repoRelativePath: string): string;
	/** The same URL with user:password in it (what a CI token URL looks like). */
	urlWithCredentials(repoRelativePath: string): string;
	/** Every request served so far, oldest first (lets tests see 401s and gzip bodies). */
	requests: HttpGitRequest[];
	stop(): Promise<void>;
};

let backendPath: string | undefined;

function httpBackend(): string {
	backendPath ??= path.join(execFileSync('git', ['--exec-path'], {encoding: 'utf8'}).trim(), 'git-http-backend');
	return backendPath;
}

/**
 * Smart HTTP git: a node:http server running `git http-backend` as CGI per request. With
 * user/password it demands HTTP Basic auth, like a forge that wants a token.
 */
export async function startHttpGit(options: {projectRoot: string; user?: string; password?: string}): Promise<HttpGitServer> {
	const expected =
		options.user === undefined ? undefined : `Basic ${Buffer.from(`${options.user}:${options.password ?? ''}`).toString('base64')}`;
	const backends = new Set<GroupProcess>();
	const requests: HttpGitRequest[] = [];

	const server = http.createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		const authenticated = expected !== undefined && request.headers.authorization === expected;
		const chunked = request.headers['transfer-encoding'] === 'chunked';
		const record: HttpGitRequest = {method: request.method ?? 'GET', path: url.pathname, status: 0, authenticated, chunked};
		const encoding = request.headers['content-encoding'];
		if (encoding !== undefined) record.contentEncoding = encoding;
		requests.push(record);
		response.once('finish', () => (record.status = response.statusCode));
		if (expected !== undefined && !authenticated) {
			request.resume();
			response.writeHead(401, {'WWW-Authenticate': 'Basic realm="remote-sync-tui test"', 'Content-Type': 'text/plain'});
			response.end('Authentication required\n');
			return;
		}

		const backend = spawnGroup(httpBackend(), [], {env: cgiEnvironment(request, url, options), stdin: 'pipe', stdout: 'pipe'});
		backends.add(backend);
		void backend.exited.then(() => backends.delete(backend));
		// A client that goes away mid-transfer must not leave upload-pack/receive-pack behind.
		response.once('close', () => {
			if (!response.writableFinished && !backend.hasExited()) void backend.stop();
		});
		backend.child.stdin?.on('error', () => undefined); // EPIPE when the backend answers early.
		request.pipe(backend.child.stdin!);
		relayCgiResponse(backend, response);
	});
	server.on('clientError', (_error, socket) => socket.destroy());
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const address = server.address();
	if (address === null || typeof address === 'string') throw new Error('could not read the port of the HTTP git server');
	const {port} = address;

	let stopping: Promise<void> | undefined;
	const stop = () => {
		stopping ??= (async () => {
			const closed = new Promise<void>(resolve => server.close(() => resolve()));
			server.closeAllConnections();
			await Promise.all([...backends].map(async backend => backend.stop()));
			await closed;
		})();
		return stopping;
	};

	onCleanup(stop);
	const credentials =
		options.user === undefined ? '' : `${encodeURIComponent(options.user)}:${encodeURIComponent(options.password ?? '')}@`;
	const trim = (repoPath: string) => repoPath.replace(/^\/+/, '');
	return {
		port,
		url: repoPath => `http://127.0.0.1:${port}/${trim(repoPath)}`,
		urlWithCredentials: repoPath => `http://${credentials}127.0.0.1:${port}/${trim(repoPath)}`,
		requests,
		stop,
	};
}

/** RFC 3875 variables plus what http-backend needs to serve (and accept pushes into) every repo. */
function cgiEnvironment(request: http.IncomingMessage, url: URL, options: {projectRoot: string; user?: string}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {
		...gitEnv(),
		GIT_PROJECT_ROOT: options.projectRoot,
		GIT_HTTP_EXPORT_ALL: '1',
		GIT_CONFIG_COUNT: '1',
		GIT_CONFIG_KEY_0: 'http.receivepack',
		GIT_CONFIG_VALUE_0: 'true',
		GATEWAY_INTERFACE: 'CGI/1.1',
		SERVER_PROTOCOL: `HTTP/${request.httpVersion}`,
		REQUEST_METHOD: request.method ?? 'GET',
		PATH_INFO: decodeURIComponent(url.pathname),
		QUERY_STRING: url.search.replace(/^\?/, ''),
		REMOTE_ADDR: '127.0.0.1',
		REMOTE_USER: options.user ?? 'anonymous',
	};
	const contentType = request.headers['content-type'];
	if (contentType !== undefined) env.CONTENT_TYPE = contentType;
	// Chunked bodies (large pushes) have no length: http-backend then reads to end of input.
	const length = request.headers['content-length'];
	if (length !== undefined && request.headers['transfer-encoding'] === undefined) env.CONTENT_LENGTH = length;
	// Every header as HTTP_*: Content-Encoding (gzip'd negotiation) and Git-Protocol (v2) matter.
	for (const [name, value] of Object.entries(request.headers)) {
		if (name === 'authorization' || value === undefined) continue;
		env[`HTTP_${name.toUpperCase().replaceAll('-', '_')}`] = Array.isArray(value) ? value.join(', ') : value;
	}

	return env;
}

/** Parse the CGI header block (Status: and the rest), then stream the body as it comes. */
function relayCgiResponse(backend: GroupProcess, response: http.ServerResponse): void {
	const stdout = backend.child.stdout!;
	let head = Buffer.alloc(0);
	let headersDone = false;
	const onData = (chunk: Buffer) => {
		head = Buffer.concat([head, chunk]);
		const crlf = head.indexOf('\r\n\r\n');
		const lf = head.indexOf('\n\n');
		const end = crlf !== -1 && (lf === -1 || crlf < lf) ? crlf + 4 : lf === -1 ? -1 : lf + 2;
		if (end === -1) return;
		headersDone = true;
		stdout.off('data', onData);
		let status = 200;
		const headers: Record<string, string> = {};
		for (const line of head.subarray(0, end).toString('latin1').split(/\r?\n/)) {
			const colon = line.indexOf(':');
			if (colon <= 0) continue;
			const name = line.slice(0, colon).trim();
			const value = line.slice(colon + 1).trim();
			if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 500;
			else headers[name] = value;
		}

		response.writeHead(status, headers);
		response.write(head.subarray(end));
		stdout.pipe(response);
	};

	stdout.on('data', onData);
	// 'close' (not 'exit'): the header block may still sit unread in the pipe when the process exits.
	stdout.once('close', () => {
		if (headersDone || response.headersSent) return;
		response.writeHead(502, {'Content-Type': 'text/plain'});
		response.end(`git http-backend failed: ${backend.stderr()}\n`);
	});
}
