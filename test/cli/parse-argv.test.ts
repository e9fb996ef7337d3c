import {describe, expect, it} from 'vitest';
import {parseCli} from '../../source/cli/flags.js';
import {parseArgv} from '../../source/cli/parse-argv.js';

/** The command line as the flag table reads it (source/cli/parse-argv.ts), and the usage errors it gives. */
describe('parseArgv', () => {
	it.each([
		[['--status', '--json'], {status: true, json: true}, []],
		[['--dry-run'], {dryRun: true}, []],
		[['--dryRun'], {dryRun: true}, []],
		[['--no-fetch', '--no-color'], {fetch: false, color: false}, []],
		[['--json=false', '--color=true'], {json: false, color: true}, []],
		[['--force', 'false'], {force: false}, []],
		[['--branch', 'main', '--config=a=b.json'], {branch: 'main', config: 'a=b.json'}, []],
		[['--branch=-x'], {branch: '-x'}, []],
		[['--branch', '-x', '--remote', '--json'], {branch: '-x', remote: ['--json']}, []],
		[['-qb', 'main'], {quiet: true, branch: 'main'}, []],
		[['-bmain', '-n'], {branch: 'main', dryRun: true}, []],
		[['-b=main'], {branch: 'main'}, []],
		[['-r', 'a', '--remote', 'b,c', '-r=d'], {remote: ['a', 'b,c', 'd']}, []],
		[['init', '--force'], {force: true}, ['init']],
		[['--status', '--', '--push'], {status: true}, ['--push']],
		[['--branch', 'true'], {branch: 'true'}, []],
	])('%j', (argv, flags, input) => {
		expect(parseArgv(argv)).toEqual({flags, input});
	});

	it.each([
		[['--branch'], /^--branch needs a value/],
		[['--json', '--remote'], /^--remote needs a value/],
		[['-b'], /^-b needs a value/],
		[['--branch', 'a', '--branch', 'b'], /^--branch can be given once/],
		[['--json=yes'], /^--json is on or off: write --json, --no-json or --json=false, not --json=yes/],
		[['-n=maybe'], /^-n is on or off/],
		[['--no-branch'], /^unknown flag --no-branch/],
	])('%j is a usage error', (argv, message) => {
		expect(() => parseArgv(argv)).toThrow(message);
	});

	it('through parseCli: an unknown flag still gets its suggestion, a repeated action its own error', () => {
		expect(() => parseCli(['--remot', 'x'])).toThrow(/did you mean --remote\?/);
		expect(() => parseCli(['--push', '--fetch'])).toThrow(/choose one action, not --push and --fetch/);
		expect(parseCli(['--no-fetch', '--status'])).toMatchObject({action: 'status', fetch: false});
	});
});
