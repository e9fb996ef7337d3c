import {describe, expect, it} from 'vitest';
import {buildFleet, git, gitAsync} from '../harness/index.js';

describe('harness: buildFleet', () => {
	it('adds one remote per kind; reachable ones hold main and have tracking refs', async () => {
		const fleet = await buildFleet(['local', 'daemon', 'http', 'http-auth', 'refused', 'silent', 'slow'], {slowDelayMs: 50});
		const head = git(fleet.repo, 'rev-parse', 'HEAD');
		expect(git(fleet.repo, 'remote').split('\n').sort()).toEqual(['daemon', 'http', 'http-auth', 'local', 'refused', 'silent', 'slow']);
		for (const [name, remote] of Object.entries(fleet.remotes)) {
			expect(git(fleet.repo, 'remote', 'get-url', name)).toBe(remote.url);
			expect(remote.url).not.toContain('s3cret'); // The remote URL itself has no password.
			if (remote.bare) {
				expect(git(remote.bare, 'rev-parse', 'main')).toBe(head);
				expect(git(fleet.repo, 'rev-parse', `refs/remotes/${name}/main`)).toBe(head);
			}
		}

		for (const name of ['local', 'daemon', 'http', 'slow']) {
			const probe = await gitAsync(fleet.repo, ['ls-remote', name, 'main'], {timeoutMs: 10_000});
			expect(probe.stdout, `${name}: ${probe.stderr}`).toContain(head);
		}

		const auth = await gitAsync(fleet.repo, ['ls-remote', 'http-auth'], {timeoutMs: 10_000});
		expect(auth.stderr).toMatch(/could not read Username/);
		const withCredentials = await gitAsync(fleet.repo, ['ls-remote', fleet.remotes['http-auth']!.urlWithCredentials!, 'main'], {timeoutMs: 10_000});
		expect(withCredentials.stdout).toContain(head);

		const refused = await gitAsync(fleet.repo, ['ls-remote', 'refused'], {timeoutMs: 10_000});
		expect(refused.stderr).toMatch(/Connection refused|unable to connect/i);
	});

	it('refuses a kind listed twice', async () => {
		await expect(buildFleet(['local', 'local'])).rejects.toThrow(/listed twice/);
	});
});
