import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../cli/run-cli.js';
import {commit} from '../harness/index.js';
import {filesUnder, readQueue} from '../reliability/support.js';
import {leaked, leakScene} from './leak-scene.js';

/**
 * SPEC §4: "Credentials in URLs are redacted everywhere they are shown or stored." Every
 * output path of the program, over a repository full of tokens: text and JSON, verbose
 * command lines, git's own error messages, a hook's words, VPN command lines and output,
 * and every file the program writes (the queue, fetch times, the trust store, user config).
 * test/cli/status-health.test.ts checks stdout/stderr of a few actions; this goes further.
 */

describe('no output path and no written file ever holds a credential', () => {
	it('text, JSON, verbose, git errors, hook output, VPN commands, the queue and every written file', async () => {
		const {repo, xdg, secrets} = await leakScene();
		const env = {XDG_CONFIG_HOME: xdg};
		const runs: Array<{args: string[]; out: string}> = [];
		const run = async (...args: string[]) => {
			const result = await runCli(args, {cwd: repo, env, timeoutMs: 45_000});
			runs.push({args, out: `${result.stdout}\n${result.stderr}`});
			return result;
		};

		commit(repo, 'first');
		await run('--push', '-v');
		commit(repo, 'second');
		const pushed = await run('--push', '--json', '-v');
		await run('--status', '--json');
		await run('--status', '-v');
		await run('--health-check', '-v');
		await run('--fetch', '--json', '-v');
		await run('--show-queue');
		await run('--show-queue', '--json');
		await run('--process-queue', '--json', '-v');

		// The scene really produced each kind of output that could have leaked.
		const all = runs.map(entry => entry.out).join('\n');
		expect(all).toMatch(/auth/i); // git's authentication failure for "wrong"
		expect(all).toContain('cloning https://***@example.invalid'); // the hook's words, redacted
		expect(all).toMatch(/Bearer \*\*\*/);
		expect(all).toContain('vpn corp'); // the VPN ran and was logged
		expect(JSON.parse(pushed.stdout)).toMatchObject({results: expect.arrayContaining([expect.objectContaining({remote: 'http-auth', status: 'pushed'})])});
		expect(readQueue(repo).map(entry => entry.remote).sort()).toEqual(['offsite', 'signed', 'tokenquery']);

		for (const {args, out} of runs) expect(leaked(out, secrets), `remote-sync ${args.join(' ')} printed a credential:\n${out}`).toEqual([]);
		const written = [...filesUnder(path.join(repo, '.git', 'remote-sync')), ...filesUnder(xdg).filter(file => !file.file.endsWith(path.join('remote-sync', 'config.json')))];
		expect(written.map(file => path.basename(file.file))).toContain('queue.json');
		for (const {file, text} of written) expect(leaked(text, secrets), `${file} holds a credential`).toEqual([]);
	});
});
