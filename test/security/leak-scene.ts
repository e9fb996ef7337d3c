import path from 'node:path';
import {addPreReceiveHook, buildFleet, git, makeBare, startRefusingPort, tempDir} from '../harness/index.js';
import {userConfigDir, writeRepoConfig} from '../reliability/support.js';

/**
 * A repository where credentials sit in every place a URL or a message can come from: git
 * remote URLs (right and wrong tokens), config URLs (userinfo and query tokens), a remote
 * hook that prints a token and an Authorization header, a VPN command line and its output,
 * a password with a raw `@`, quotes and `<>`, and a signed URL's query parameters.
 * The secrets tests run every output path over it and look for any of `secrets`.
 */

export type LeakScene = {repo: string; xdg: string; secrets: string[]};

export async function leakScene(): Promise<LeakScene> {
	const fleet = await buildFleet(['local', 'http-auth'], {user: 'sync', password: 'SECRET-RIGHT'});
	const {repo} = fleet;
	const httpAuth = fleet.remotes['http-auth']!;
	// The right token (pushes work) and a wrong one (git's own auth error message).
	git(repo, 'remote', 'set-url', 'http-auth', httpAuth.urlWithCredentials!);
	git(repo, 'remote', 'add', 'wrong', httpAuth.url.replace('http://', 'http://sync:SECRET-WRONG@'));
	// A remote hook that echoes credentials back (as some CI hooks do).
	const guarded = makeBare();
	git(repo, 'remote', 'add', 'guarded', guarded);
	git(repo, 'push', '-q', 'guarded', 'main');
	addPreReceiveHook(guarded, 'echo "cloning https://ci:SECRET-HOOK@example.invalid/x.git" >&2\necho "Authorization: Bearer SECRET-BEARER" >&2\nexit 1');
	// Unreachable config remotes with tokens: their failures are queued (the queue file is scanned).
	const refused = await startRefusingPort();
	// The user's own remote with every hard form at once: a password holding a raw `@`, quotes
	// and angle brackets, and a signed URL's query (any key is a secret).
	git(repo, 'remote', 'add', 'signed', `http://deploy:SECRET-AT@q"u<o>te@127.0.0.1:${refused.port}/z.git?oauth_token=SECRET-OAUTH&X-Amz-Signature=SECRET-AMZ&sig=SECRET-SIG`);
	const vpnDir = tempDir('rst-vpn-');
	const link = path.join(vpnDir, 'remote.git');
	writeRepoConfig(repo, {
		retry_base_delay: 0.01,
		retry_max_delay: 0.02,
		health_check_timeout: 3,
		remotes: {signed: {retry: 0}},
	});
	// The user's own (trusted) remotes and VPN: urls, a command line and output that carry tokens
	// (a repo file's urls are never contacted before `remote-sync trust`: untrusted-repo.test.ts).
	const behind = makeBare();
	const xdg = userConfigDir({
		remotes: {
			offsite: {url: `http://deploy:SECRET-QUEUE@127.0.0.1:${refused.port}/x.git`, retry: 0},
			tokenquery: {url: `http://127.0.0.1:${refused.port}/y.git?access_token=SECRET-QUERY`, retry: 0},
			internal: {url: link, vpn: 'corp'},
		},
		vpn: {
			corp: {
				connect_cmd: `echo "login https://vpnuser:SECRET-VPN-OUT@vpn.invalid" >&2; ln -s '${behind}' '${link}' # https://vpnuser:SECRET-VPN-CMD@vpn.invalid`,
				check_cmd: `test -e '${link}'`,
				disconnect_cmd: `rm -f '${link}'`,
				timeout: 5,
			},
		},
	});
	return {repo, xdg, secrets: ['SECRET-RIGHT', 'SECRET-WRONG', 'SECRET-HOOK', 'SECRET-BEARER', 'SECRET-QUEUE', 'SECRET-QUERY', 'SECRET-VPN-OUT', 'SECRET-VPN-CMD', 'SECRET-AT', 'q"u<o>te', 'SECRET-OAUTH', 'SECRET-AMZ', 'SECRET-SIG']};
}

/** The secrets found in `text`, for a failure message that says which leaked where. */
export function leaked(text: string, secrets: readonly string[]): string[] {
	return secrets.filter(secret => text.includes(secret));
}
