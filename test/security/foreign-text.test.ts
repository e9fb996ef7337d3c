import {describe, expect, it} from 'vitest';
import {runCli} from '../cli/run-cli.js';
import {commit} from '../harness/index.js';
import {hostileScene, stringsOf, terminalControl} from './hostile-scene.js';

/**
 * SPEC §4 "foreign text is inert", headless: a remote's hook output, git's words and names
 * reach stdout/stderr (text and --json) with their words and without one escape or C1 byte.
 */

describe('foreign text reaches headless output as words, never as escapes', () => {
	it('push (text, verbose, --json), status, fetch and health over hooks that print escapes', async () => {
		const {repo, words} = hostileScene();
		const outputs: Array<{args: string[]; out: string}> = [];
		const run = async (...args: string[]) => {
			const result = await runCli(args, {cwd: repo, timeoutMs: 45_000});
			outputs.push({args, out: `${result.stdout}\n${result.stderr}`});
			return result;
		};

		await run('--push', '-v');
		commit(repo, 'more work');
		const json = await run('--push', '--json', '-v');
		await run('--status');
		const status = await run('--status', '--json');
		await run('--fetch', '-v');
		await run('--health-check');

		for (const {args, out} of outputs) {
			const at = out.search(terminalControl);
			expect(at, `remote-sync ${args.join(' ')} wrote a control byte: ${JSON.stringify(out.slice(Math.max(0, at - 40), at + 40))}`).toBe(-1);
		}

		// The words are all there: the hook's (verbose push), the names (escaped, not dropped).
		const pushed = outputs[0]!.out;
		for (const word of words) expect(pushed).toContain(word);
		// The C1 CSI in the remote's name goes with its parameters, as a terminal would read it.
		expect(pushed).toContain('nope/topic<U+202E>gnp.exe');
		expect(outputs[2]!.out).toContain('topic<U+202E>gnp.exe');
		// JSON: parsed, no string carries a sequence either, and the refused push says why.
		for (const document of [json, status]) {
			const strings = stringsOf(JSON.parse(document.stdout));
			expect(strings.filter(text => terminalControl.test(text) || /[\u202A-\u202E\u2066-\u2069]/.test(text))).toEqual([]);
		}

		const results = (JSON.parse(json.stdout) as {results: Array<{remote: string; status: string; output?: string; error?: string}>}).results;
		expect(results.find(result => result.remote === 'loud')?.status).toBe('pushed');
		expect(results.find(result => result.remote !== 'loud')).toMatchObject({remote: 'nope', status: expect.stringMatching(/rejected|failed/)});
	});
});
