import {mkdirSync, mkdtempSync, realpathSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {exitCodes} from '../../../source/core/errors.js';
import {makeRepo} from '../../harness/index.js';
import {brokenConfigs} from './broken-corpus.js';
import {loadError, sandbox, writeText, type Sandbox} from './helpers.js';

// Loading never changes the repository, so cases without git remotes share one (fast on 2 cores).
const sharedRoot = realpathSync(mkdtempSync(path.join(tmpdir(), 'rst-corpus-')));
afterAll(() => rmSync(sharedRoot, {recursive: true, force: true}));
let shared: Sandbox | undefined;

function repoFor(gitRemotes: Record<string, string> | undefined): Sandbox {
	if (gitRemotes !== undefined) return sandbox(gitRemotes);
	if (!shared) {
		const repo = path.join(sharedRoot, 'repo');
		mkdirSync(repo);
		shared = {repo: makeRepo(repo), userDir: path.join(sharedRoot, 'xdg')};
	}

	return shared;
}

describe('bad config is one clear message naming the file and the key (SPEC §2)', () => {
	it('has a corpus of at least 25 broken configs', () => {
		expect(brokenConfigs.length).toBeGreaterThanOrEqual(25);
		expect(new Set(brokenConfigs.map(c => c.name)).size).toBe(brokenConfigs.length);
	});

	for (const broken of brokenConfigs) {
		it(`rejects ${broken.name}`, async () => {
			const box = repoFor(broken.gitRemotes);
			writeText(path.join(box.repo, '.remotesyncrc.json'), broken.text);
			const error = await loadError(box);

			expect(error.exitCode).toBe(exitCodes.usage);
			expect(error.message).not.toContain('\n');
			expect(error.message).not.toContain('    at ');
			expect(error.message.startsWith('.remotesyncrc.json')).toBe(true);
			if (broken.kind === 'syntax') expect(error.message).toContain(`.remotesyncrc.json:${broken.at}: `);
			else expect(error.message).toContain(`: ${broken.at}: `);
			// Something to do, not only what is wrong.
			expect(error.message).toMatch(/; |such as|one of/);
		});
	}
});
