import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {binPaths} from '../cli/run-cli.js';
import {addBareRemote, git, makeRepo, onCleanup, startSilentSocket, tempDir} from '../harness/index.js';
import {rowOf} from './fixture.js';
import {openTerminal, quitDashboard} from './tmux.js';

type TraceEvent =
	| {type: 'spawn'; id: number; argv: string[]}
	| {type: 'exit'; id: number}
	| {type: 'first-frame'; text: string}
	| {type: 'fetch'; url: string};

const tracer = fileURLToPath(new URL('fixtures/startup-trace.mjs', import.meta.url));

/** git's subcommand in an argv the runner built (it may be wrapped in `timeout`, with `-c` settings first). */
function gitVerb(argv: string[]): string | undefined {
	const at = argv.findIndex(arg => arg === 'git' || arg.endsWith('/git'));
	if (at < 0) return undefined;
	for (let index = at + 1; index < argv.length; index++) {
		if (argv[index] === '-c' || argv[index] === '-C') index++;
		else if (!argv[index]!.startsWith('-')) return argv[index];
	}

	return undefined;
}

const network = new Set(['fetch', 'ls-remote', 'push']);

describe('dashboard start-up (issue 14: no needless work before the first frame)', {timeout: 120_000}, () => {
	it('draws the first frame before any network git starts, and loads yoga without fetch()', async () => {
		const repo = makeRepo();
		addBareRemote(repo, 'mirror');
		git(repo, 'fetch', '-q', 'mirror');
		// A host that accepts and never answers: its fetch runs for as long as the dashboard does.
		const hung = await startSilentSocket();
		onCleanup(hung.stop);
		git(repo, 'remote', 'add', 'hung', hung.url);
		git(repo, 'update-ref', 'refs/remotes/hung/main', 'main');
		const home = tempDir('rst-e2e-home-');
		const trace = path.join(tempDir('rst-trace-'), 'trace.json');
		const env = {HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1', CI: 'false', NODE_OPTIONS: `--import="${tracer}"`, RST_STARTUP_TRACE: trace};
		const terminal = await openTerminal(`${process.execPath} ${binPaths['remote-sync-tui']}`, {cwd: repo, columns: 120, rows: 30, env});

		await terminal.waitFor(s => /[✓]\s/.test(rowOf(s, 'mirror')) && /fetch|connecting|⠋|⠙|⠹|⠸|⠼|⠴|⠦|⠧|⠇|⠏/.test(rowOf(s, 'hung')), {
			message: 'the dashboard never showed mirror in sync while hung was being fetched',
		});
		await quitDashboard(terminal);

		const events = JSON.parse(readFileSync(trace, 'utf8')) as TraceEvent[];
		const frameAt = events.findIndex(event => event.type === 'first-frame');
		expect(frameAt, 'no frame was written').toBeGreaterThan(0);
		const before = events.slice(0, frameAt).filter(event => event.type === 'spawn').map(event => gitVerb(event.argv));
		// The first frame needs nothing from the network: no fetch, probe or push ran before it
		// (so none had to end), however long a host takes to answer.
		expect(before.filter(verb => verb !== undefined && network.has(verb))).toEqual([]);
		// And the network work does start, after the frame.
		expect(events.slice(frameAt).some(event => event.type === 'spawn' && gitVerb(event.argv) === 'fetch')).toBe(true);
		// yoga's wasm comes as bytes from the bundle, not through fetch(dataUrl) (scripts/build/yoga-wasm.mjs).
		expect(events.filter(event => event.type === 'fetch')).toEqual([]);
	});
});
