import {existsSync, mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {commit, git, makeBare, makeRepo, tempDir} from '../harness/index.js';
import {parseJson, runCli} from './run-cli.js';

/**
 * SPEC §2 trust, through the real program: a cloned repository whose `.remotesyncrc.json`
 * holds VPN commands runs none of them until the user runs `remote-sync trust`.
 * The "VPN" makes a bare repository reachable by creating a symlink; connect_cmd also
 * creates a file in the clone (relative path: commands run in the config's directory).
 */

type Cloned = {
	clone: string;
	/** The remote behind the VPN. */
	bare: string;
	link: string;
	log: string;
	/** What connect_cmd creates, relative to the config file. */
	created: string;
	config: {remotes: Record<string, object>; vpn: {office: Record<string, string | number>}};
	/** The same trust store for every run of one test. */
	env: Record<string, string>;
};

function clonedRepoWithVpn(): Cloned {
	const vpnDir = tempDir('rst-trust-vpn-');
	const bare = makeBare();
	const link = path.join(vpnDir, 'remote.git');
	const log = path.join(vpnDir, 'commands.log');
	const config = {
		remotes: {corp: {vpn: 'office', retry: 0}},
		health_check_timeout: 2,
		retry_base_delay: 0.01,
		vpn: {
			office: {
				connect_cmd: `echo connect >> '${log}' && touch created-by-config && ln -s '${bare}' '${link}'`,
				check_cmd: `echo check >> '${log}' && test -e '${link}'`,
				disconnect_cmd: `echo disconnect >> '${log}' && rm -f '${link}'`,
				timeout: 5,
			},
		},
	};
	// Someone else's repository, with the config committed, as we clone it.
	const author = makeRepo();
	writeFileSync(path.join(author, '.remotesyncrc.json'), JSON.stringify(config, null, 2));
	commit(author, 'add remote-sync config', 'README.md');
	git(author, 'add', '.remotesyncrc.json');
	git(author, 'commit', '-q', '-m', 'config');
	const upstream = makeBare();
	git(author, 'push', '-q', upstream, 'main');
	git(author, 'push', '-q', bare, 'main');
	const clone = tempDir('rst-clone-');
	git(clone, 'clone', '-q', upstream, '.');
	git(clone, 'remote', 'add', 'corp', link);
	return {clone, bare, link, log, created: path.join(clone, 'created-by-config'), config, env: {XDG_CONFIG_HOME: tempDir('rst-xdg-')}};
}

function ranNothing(repo: Cloned): void {
	expect(existsSync(repo.created)).toBe(false);
	expect(existsSync(repo.log)).toBe(false);
	expect(existsSync(repo.link)).toBe(false);
}

const logLines = (repo: Cloned) => (existsSync(repo.log) ? readFileSync(repo.log, 'utf8').trim().split('\n') : []);

type Result = {remote: string; status: string; error?: string; errorClass?: string; message?: string};

describe('trust: a cloned repository runs no command until trusted (SPEC §2)', () => {
	it('--status, --push, --health-check and --fetch run nothing; the remote is vpn-down with the exact trust command', async () => {
		const repo = clonedRepoWithVpn();
		const run = async (...args: string[]) => runCli(args, {cwd: repo.clone, env: repo.env});
		const trustHint = 'review them and run: remote-sync trust';

		const status = await run('--status', '--json');
		const corpStatus = parseJson(status).remotes.find((remote: {name: string}) => remote.name === 'corp');
		expect(corpStatus.fetchError).toMatchObject({class: 'vpn-down'});
		expect(corpStatus.fetchError.message).toContain(trustHint);

		const pushed = await run('--push', '--json');
		const corpPush = parseJson<{results: Result[]}>(pushed).results.find(result => result.remote === 'corp');
		expect(corpPush).toMatchObject({errorClass: 'vpn-down'});
		expect(corpPush!.error).toContain(trustHint);

		const health = await run('--health-check', '--json');
		expect(parseJson(health).remotes.find((remote: {name: string}) => remote.name === 'corp')).toMatchObject({reachable: false, class: 'vpn-down'});
		expect(health.exitCode).toBe(1);

		const fetched = await run('--fetch', '--json');
		expect(parseJson<{results: Result[]}>(fetched).results.find(result => result.remote === 'corp')).toMatchObject({status: 'failed', errorClass: 'vpn-down'});

		// In text, the command to run is printed as is, ready to copy.
		const text = await run('--health-check');
		expect(text.stdout + text.stderr).toMatch(/run: remote-sync trust$/m);
		const dryRun = await run('--push', '--dry-run');
		expect(dryRun.stdout + dryRun.stderr).toContain(trustHint);

		ranNothing(repo);
	});

	it('after `remote-sync trust` the commands run; a changed command needs trust again', async () => {
		const repo = clonedRepoWithVpn();
		const run = async (...args: string[]) => runCli(args, {cwd: repo.clone, env: repo.env});

		const trusted = await run('trust');
		expect(trusted.exitCode).toBe(0);
		expect(trusted.stdout).toContain(`office.connect_cmd: ${repo.config.vpn.office.connect_cmd}`);
		ranNothing(repo); // Approving runs nothing either.

		const health = await run('--health-check', '--json');
		expect(parseJson(health).remotes.find((remote: {name: string}) => remote.name === 'corp')).toMatchObject({reachable: true, class: 'reachable'});
		expect(health.exitCode).toBe(0);
		expect(existsSync(repo.created)).toBe(true);
		expect(logLines(repo).filter(line => line !== 'check')).toEqual(['connect', 'disconnect']);

		const sha = commit(repo.clone, 'work for corp');
		const pushed = await run('--push', '--json');
		expect(parseJson<{results: Result[]}>(pushed).results.find(result => result.remote === 'corp')).toMatchObject({status: 'pushed'});
		expect(git(repo.bare, 'rev-parse', 'main')).toBe(sha);
		expect(repo.link).not.toSatisfy(existsSync);

		// One character more in one command: the approval no longer covers it.
		const changed = {...repo.config, vpn: {office: {...repo.config.vpn.office, disconnect_cmd: `${repo.config.vpn.office.disconnect_cmd} `}}};
		writeFileSync(path.join(repo.clone, '.remotesyncrc.json'), JSON.stringify(changed, null, 2));
		const before = logLines(repo);
		const untrusted = await run('--health-check', '--json');
		expect(parseJson(untrusted).remotes.find((remote: {name: string}) => remote.name === 'corp')).toMatchObject({reachable: false, class: 'vpn-down'});
		expect(logLines(repo)).toEqual(before);

		expect((await run('trust')).exitCode).toBe(0);
		const again = await run('--health-check', '--json');
		expect(parseJson(again).remotes.find((remote: {name: string}) => remote.name === 'corp')).toMatchObject({reachable: true});
		expect(logLines(repo).length).toBeGreaterThan(before.length);
	});

	it('--push --dry-run lists the VPN commands it would run and runs none', async () => {
		const repo = clonedRepoWithVpn();
		const run = async (...args: string[]) => runCli(args, {cwd: repo.clone, env: repo.env});
		expect((await run('trust')).exitCode).toBe(0);
		const before = git(repo.bare, 'rev-parse', 'main');
		commit(repo.clone, 'not yet');

		const text = await run('--push', '--dry-run');
		const {connect_cmd: connect, check_cmd: check, disconnect_cmd: disconnect} = repo.config.vpn.office;
		expect(text.stdout).toContain(`would run VPN command: vpn "office": would run connect_cmd: ${connect}`);
		expect(text.stdout).toContain(`would run check_cmd: ${check}`);
		expect(text.stdout).toContain(`would run disconnect_cmd: ${disconnect}`);
		const json = parseJson<{results: Result[]; vpnCommands: string[]}>(await run('--push', '--dry-run', '--json'));
		expect(json.vpnCommands).toEqual(expect.arrayContaining([expect.stringContaining(`connect_cmd: ${connect}`)]));
		expect(json.results.find(result => result.remote === 'corp')).toMatchObject({status: 'skipped'});
		expect(json.results.find(result => result.remote === 'origin')).toMatchObject({status: 'would-push'});

		ranNothing(repo);
		expect(git(repo.bare, 'rev-parse', 'main')).toBe(before);
		expect(existsSync(path.join(repo.clone, '.git', 'remote-sync', 'queue.json'))).toBe(false);
	});

	it('a config given with --config names its own trust command, and running that exact command trusts it', async () => {
		const repo = clonedRepoWithVpn();
		mkdirSync(path.join(repo.clone, 'ops'));
		renameSync(path.join(repo.clone, '.remotesyncrc.json'), path.join(repo.clone, 'ops', 'sync config.json'));
		const run = async (...args: string[]) => runCli(args, {cwd: repo.clone, env: repo.env});

		const health = await run('--health-check', '--config', 'ops/sync config.json');
		const printed = /run: (remote-sync trust --config '[^']+')$/m.exec(health.stdout + health.stderr)?.[1];
		expect(printed).toBe(`remote-sync trust --config '${path.join(repo.clone, 'ops', 'sync config.json')}'`);
		ranNothing(repo);

		// What the user copies: the words after the program name, the quoted path as one argument.
		const args = ['trust', '--config', /'([^']+)'/.exec(printed!)![1]!];
		expect((await run(...args)).exitCode).toBe(0);
		const trusted = await run('--health-check', '--config', 'ops/sync config.json', '--json');
		expect(parseJson(trusted).remotes.find((remote: {name: string}) => remote.name === 'corp')).toMatchObject({reachable: true});
		expect(existsSync(path.join(repo.clone, 'ops', 'created-by-config'))).toBe(true);
	});
});
