// Run by code-cache.mjs in a child process: `node train-code-cache.mjs <dist>`. Loads the built
// program as the bins do, runs the actions a start most often is (status, push, fetch, the queue)
// against a throwaway repository, then saves what V8 compiled for it as the code cache.
import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {Writable} from 'node:stream';
import {pathToFileURL} from 'node:url';

const dist = path.resolve(process.argv[2]);
const box = mkdtempSync(path.join(tmpdir(), 'remote-sync-code-cache-'));
try {
	const env = {
		PATH: process.env.PATH ?? '',
		HOME: path.join(box, 'home'),
		XDG_CONFIG_HOME: path.join(box, 'home', '.config'),
		XDG_STATE_HOME: path.join(box, 'home', '.state'),
		XDG_CACHE_HOME: path.join(box, 'home', '.cache'),
		GIT_CONFIG_NOSYSTEM: '1',
		GIT_CONFIG_GLOBAL: path.join(box, 'gitconfig'),
		LC_ALL: 'C',
	};
	// The program reads process.env too (git's environment, the trust store): it is the sandbox's.
	for (const key of Object.keys(process.env)) delete process.env[key];
	Object.assign(process.env, env);
	mkdirSync(env.HOME);
	writeFileSync(env.GIT_CONFIG_GLOBAL, '[user]\n\tname = Code Cache\n\temail = cache@example.invalid\n[init]\n\tdefaultBranch = main\n');
	const repo = path.join(box, 'work');
	const git = (...args) => execFileSync('git', args, {cwd: repo, env, stdio: ['ignore', 'ignore', 'pipe']});
	mkdirSync(repo);
	git('init', '-q');
	for (const name of ['origin', 'mirror']) {
		execFileSync('git', ['init', '-q', '--bare', path.join(box, `${name}.git`)], {env});
		git('remote', 'add', name, path.join(box, `${name}.git`));
	}

	const commit = n => {
		writeFileSync(path.join(repo, 'file.txt'), `${n}\n`);
		git('add', 'file.txt');
		git('commit', '-q', '-m', `change ${n}`);
	};

	// A config file as most repositories have one: its check and merge are on every start.
	writeFileSync(path.join(repo, '.remotesyncrc.json'), `${JSON.stringify({remotes: {origin: {priority: 1}, mirror: {branches: ['main', 'release/*']}}, max_workers: 4})}\n`);
	commit(1);
	const {compileProgram, saveBuildCache} = await import(pathToFileURL(path.join(dist, 'load-program.js')).href);
	const {program, script} = compileProgram(path.join(dist, 'program.cjs'), {build: path.join(box, 'none'), user: undefined});
	const sink = () => Object.assign(new Writable({write: (_chunk, _encoding, done) => done()}), {isTTY: false});
	const io = {stdout: sink(), stderr: sink(), stdin: process.stdin, env};
	const runs = [['--push', '--json'], ['--status', '--no-fetch'], ['--status'], ['--fetch'], ['--push'], ['--show-queue'], ['--status', '--json']];
	for (const [index, args] of runs.entries()) {
		if (args[0] === '--push') commit(index + 2);
		const code = await program.main([...args, '--cwd', repo], 'remote-sync', io);
		if (code !== 0) throw new Error(`remote-sync ${args.join(' ')} exited ${code} in the training repository`);
	}

	saveBuildCache(path.join(dist, 'program.cjs'), script);
} finally {
	rmSync(box, {recursive: true, force: true});
}

process.exit(0);
