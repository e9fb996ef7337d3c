import {describe, expect, it} from 'vitest';
import {classifyStderr, failureFrom, isTransient, sshHostOf} from '../../../source/core/git/classify.js';

// ssh's own words, as OpenSSH prints them (the live cases run against a real sshd in test/transport/ssh.test.ts).
const changed = `@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @
@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!
Offending ED25519 key in /home/u/.ssh/known_hosts:3
Host key for [git.example.com]:2222 has changed and you have requested strict checking.
Host key verification failed.
fatal: Could not read from remote repository.

Please make sure you have the correct access rights
and the repository exists.
`;
const unknownStrict = 'No ED25519 host key is known for git.example.com and you have requested strict checking.\nHost key verification failed.\nfatal: Could not read from remote repository.\n';
const unknownBatch = 'Host key verification failed.\r\nfatal: Could not read from remote repository.\n\nPlease make sure you have the correct access rights\nand the repository exists.\n';

describe('host-key failures (SPEC §3)', () => {
	it('are their own class, before auth-failed, and never transient', () => {
		for (const stderr of [changed, unknownStrict, unknownBatch]) expect(classifyStderr(stderr)).toBe('host-key');
		expect(isTransient('host-key')).toBe(false);
		expect(classifyStderr('git@host: Permission denied (publickey).\nfatal: Could not read from remote repository.')).toBe('auth-failed');
	});

	it("keep ssh's own line and name the host and port of the next step", () => {
		const failure = failureFrom('host-key', changed, 'push failed');
		expect(failure.message).toBe('WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED! Host key verification failed.');
		expect(failure.hint).toContain('ssh-keyscan -p 2222 git.example.com >> ~/.ssh/known_hosts');
		expect(failureFrom('host-key', unknownStrict, 'x').hint).toContain('ssh-keyscan -p 22 git.example.com');
	});

	it('take the host from the URL when ssh names none', () => {
		const failure = failureFrom('host-key', unknownBatch, 'x', 'ssh://git@mirror.example.org:2022/srv/repo.git');
		expect(failure.message).toBe('Host key verification failed.');
		expect(failure.hint).toContain('ssh-keyscan -p 2022 mirror.example.org');
		expect(failureFrom('host-key', unknownBatch, 'x', 'git@gitlab.example.com:team/repo.git').hint).toContain('ssh-keyscan -p 22 gitlab.example.com');
		expect(failureFrom('host-key', unknownBatch, 'x').hint).toMatch(/ssh-keyscan -p <port> <host>/);
	});

	it('reads ssh URLs of every form', () => {
		expect(sshHostOf('ssh://u@[::1]:2200/r.git')).toEqual({host: '::1', port: '2200'});
		expect(sshHostOf('git+ssh://host.example/r.git')).toEqual({host: 'host.example', port: '22'});
		expect(sshHostOf('host.example:r.git')).toEqual({host: 'host.example', port: '22'});
		expect(sshHostOf('https://host.example/r.git')).toBeUndefined();
		expect(sshHostOf('/srv/git/r.git')).toBeUndefined();
	});
});
