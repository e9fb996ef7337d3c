import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {commit, git, makeBare, makeRepo, startHttpGit, tempDir} from '../harness/index.js';
import {runShell} from './run-cli.js';

/**
 * docs/ci.md's recipes, run as written: the lines between `# recipe: NAME` and `# end recipe`
 * (YAML list dashes and indentation removed) run under /bin/sh as a CI job runs them — CI=true,
 * no terminal, stdin closed — against a password-protected HTTP mirror on loopback.
 */

const docs = readFileSync(fileURLToPath(new URL('../../docs/ci.md', import.meta.url)), 'utf8');

function recipes(text: string): Map<string, string> {
	const found = new Map<string, string[]>();
	let current: string[] | undefined;
	for (const line of text.split('\n')) {
		const start = /^\s*(?:- )?# recipe: ([\w-]+)\s*$/.exec(line);
		if (start) {
			current = found.get(start[1]!) ?? [];
			found.set(start[1]!, current);
		} else if (/^\s*(?:- )?# end recipe\s*$/.test(line)) current = undefined;
		else if (current) current.push(line.replace(/^\s*(?:- )?/, ''));
	}

	return new Map([...found].map(([name, lines]) => [name, lines.join('\n')]));
}

const token = 'recipe-token-5d81c0aa';

/** A source repository with two branches (origin), a clone of it as the job sees it, and an empty protected mirror. */
async function scene(cloneDir: string) {
	const source = makeBare();
	const seed = makeRepo();
	git(seed, 'remote', 'add', 'origin', source);
	git(seed, 'push', '-q', 'origin', 'main');
	git(seed, 'switch', '-q', '-c', 'feature');
	const feature = commit(seed, 'a feature');
	git(seed, 'push', '-q', 'origin', 'feature');
	git(tempDir(), 'clone', '-q', source, cloneDir);

	const served = tempDir('rst-served-');
	mkdirSync(path.join(served, 'mirror.git'));
	const mirror = makeBare(path.join(served, 'mirror.git'));
	const server = await startHttpGit({projectRoot: served, user: 'mirror', password: token});
	const home = tempDir('rst-ci-home-');
	writeFileSync(path.join(home, '.gitconfig'), '');
	const env = {CI: 'true', HOME: home, MIRROR_TOKEN: token, MIRROR_URL: server.url('mirror.git')};
	return {mirror, env, main: git(source, 'rev-parse', 'main'), feature};
}

async function expectMirrored(script: string, cwd: string, built: Awaited<ReturnType<typeof scene>>, env: Record<string, string>) {
	const run = await runShell(script, {cwd, env, timeoutMs: 90_000});
	expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
	expect(git(built.mirror, 'rev-parse', 'main')).toBe(built.main);
	expect(git(built.mirror, 'rev-parse', 'feature')).toBe(built.feature);
	const lines = run.stdout.trim().split('\n').map(line => JSON.parse(line) as {type: string; document?: {summary: unknown}});
	expect(lines.at(-1)).toMatchObject({type: 'summary', document: {summary: {succeeded: 2, failed: 0, queued: 0}}});
	expect(`${run.stdout}${run.stderr}`).not.toContain(token);
}

describe('docs/ci.md recipes, run as a CI job runs them', () => {
	const found = recipes(docs);

	it('the page has the GitHub Actions, GitLab CI and cron recipes', () => {
		expect([...found.keys()].sort()).toEqual(['cron', 'github-actions', 'gitlab-ci']);
		for (const script of found.values()) expect(script).toMatch(/remote-sync .*--events/);
	});

	for (const name of ['github-actions', 'gitlab-ci']) {
		it(`${name}: every branch lands on the mirror, the events end with the summary, the token shows nowhere`, async () => {
			const work = path.join(tempDir(), 'checkout');
			const built = await scene(work);
			await expectMirrored(found.get(name)!, work, built, built.env);
			expect(readFileSync(path.join(work, '.git', 'config'), 'utf8')).not.toContain(token);
		}, 120_000);
	}

	it('cron: the script mirrors every clone under MIRRORS_DIR', async () => {
		const mirrors = tempDir('rst-mirrors-');
		const clone = path.join(mirrors, 'api');
		const built = await scene(clone);
		git(clone, 'remote', 'add', 'mirror', built.env.MIRROR_URL);
		await expectMirrored(found.get('cron')!, tempDir(), built, {...built.env, MIRRORS_DIR: mirrors});
	}, 120_000);
});
