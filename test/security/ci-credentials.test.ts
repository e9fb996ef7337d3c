import {mkdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../cli/run-cli.js';
import {commit, git, gitAsyncOk, makeBare, makeRepo, startHttpGit, tempDir} from '../harness/index.js';
import {filesUnder} from '../reliability/support.js';
import {leaked} from './leak-scene.js';

/**
 * Credentials the CI way (docs/ci.md): the token lives in an environment variable and reaches
 * git through a credential helper or an `http.extraHeader` set in the environment — never in
 * the remote URL. Our non-interactive git (GIT_TERMINAL_PROMPT=0, GIT_ASKPASS=true) must not
 * stop either, and the token must appear in no output, event or file.
 */

const token = 'ci-token-7f3a9c1e5b';
const user = 'mirror';

async function protectedMirror() {
	const served = tempDir('rst-served-');
	const bare = path.join(served, 'mirror.git');
	mkdirSync(bare);
	makeBare(bare);
	const server = await startHttpGit({projectRoot: served, user, password: token});
	const repo = makeRepo();
	// Seeded with the credentials once (remote-tracking ref), then the plain URL, as CI has it.
	git(repo, 'remote', 'add', 'mirror', server.urlWithCredentials('mirror.git'));
	await gitAsyncOk(repo, 'push', '-q', 'mirror', 'main');
	git(repo, 'remote', 'set-url', 'mirror', server.url('mirror.git'));
	return {repo, bare, server};
}

async function pushAndScan(repo: string, bare: string, env: Record<string, string>, secrets: string[]) {
	const tip = commit(repo, 'mirror me');
	const outputs: string[] = [];
	for (const args of [['--push', '--events', '-v'], ['--status', '--events'], ['--fetch', '--json', '-v'], ['--health-check', '--events', '-v']]) {
		const run = await runCli(args, {cwd: repo, env: {CI: 'true', ...env}});
		outputs.push(`${args.join(' ')}\n${run.stdout}\n${run.stderr}`);
		expect(run.exitCode, outputs.at(-1)).toBe(0);
	}

	expect(git(bare, 'rev-parse', 'main'), 'the push landed').toBe(tip);
	const pushEvents = outputs[0]!.split('\n').filter(line => line.startsWith('{')).map(line => JSON.parse(line) as {type: string; result?: {status: string}});
	expect(pushEvents.find(line => line.type === 'result')?.result?.status).toBe('pushed');
	for (const output of outputs) expect(leaked(output, secrets), output).toEqual([]);
	const files = [...filesUnder(path.join(repo, '.git', 'remote-sync')), {file: '.git/config', text: readFileSync(path.join(repo, '.git', 'config'), 'utf8')}];
	for (const {file, text} of files) expect(leaked(text, secrets), `${file} holds the token`).toEqual([]);
}

describe('an authenticated CI push to a password-protected HTTP remote', () => {
	it('a credential helper reading $MIRROR_TOKEN supplies the password: the push lands, the token shows nowhere', async () => {
		const {repo, bare, server} = await protectedMirror();
		git(repo, 'config', 'credential.helper', `!f() { echo username=${user}; echo "password=$MIRROR_TOKEN"; }; f`);
		await pushAndScan(repo, bare, {MIRROR_TOKEN: token}, [token]);
		// git really had to authenticate: the server refused it first, then accepted the helper's answer.
		expect(server.requests.some(request => request.status === 401)).toBe(true);
		expect(server.requests.some(request => request.authenticated && request.method === 'POST')).toBe(true);
	});

	it('http.extraHeader from the environment (GIT_CONFIG_COUNT/KEY/VALUE): the push lands, the header shows nowhere', async () => {
		const {repo, bare, server} = await protectedMirror();
		const basic = Buffer.from(`${user}:${token}`).toString('base64');
		const env = {GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.extraHeader', GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`};
		await pushAndScan(repo, bare, env, [token, basic]);
		expect(server.requests.some(request => request.authenticated && request.method === 'POST')).toBe(true);
	});

	it('without either, the same push is auth-failed at once, not a prompt', async () => {
		const {repo} = await protectedMirror();
		commit(repo, 'no credentials');
		const run = await runCli(['--push', '--events'], {cwd: repo, env: {CI: 'true'}});
		expect(run.exitCode).toBe(1);
		const result = run.stdout.split('\n').filter(Boolean).map(line => JSON.parse(line) as {type: string; result?: {errorClass?: string}}).find(line => line.type === 'result');
		expect(result?.result?.errorClass).toBe('auth-failed');
	});
});
