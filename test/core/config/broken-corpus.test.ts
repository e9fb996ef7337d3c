import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {exitCodes} from '../../../source/core/errors.js';
import {brokenConfigs} from './broken-corpus.js';
import {loadError, sandbox, writeText} from './helpers.js';

describe('bad config is one clear message naming the file and the key (SPEC §2)', () => {
	it('has a corpus of at least 25 broken configs', () => {
		expect(brokenConfigs.length).toBeGreaterThanOrEqual(25);
		expect(new Set(brokenConfigs.map(c => c.name)).size).toBe(brokenConfigs.length);
	});

	for (const broken of brokenConfigs) {
		it(`rejects ${broken.name}`, async () => {
			const box = sandbox(broken.gitRemotes);
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
