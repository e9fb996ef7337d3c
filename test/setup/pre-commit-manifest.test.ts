import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {readPreCommitManifest} from './hook-helpers.js';

const root = (file: string) => fileURLToPath(new URL(`../../${file}`, import.meta.url));

describe('.pre-commit-hooks.yaml', () => {
	it('offers one node hook, after commits and before pushes, running a quiet headless push', () => {
		expect(readPreCommitManifest(root('.pre-commit-hooks.yaml'))).toEqual([
			{
				id: 'remote-sync',
				name: expect.any(String),
				description: expect.any(String),
				entry: 'remote-sync --push --quiet',
				language: 'node',
				stages: ['post-commit', 'pre-push'],
				always_run: true,
				pass_filenames: false,
				minimum_pre_commit_version: '3.2.0',
			},
		]);
	});

	it('runs a program this package installs', () => {
		const [hook] = readPreCommitManifest(root('.pre-commit-hooks.yaml'));
		const bin = (JSON.parse(readFileSync(root('package.json'), 'utf8')) as {bin: Record<string, string>}).bin;
		expect(Object.keys(bin)).toContain(String(hook!.entry).split(' ')[0]);
	});
});
