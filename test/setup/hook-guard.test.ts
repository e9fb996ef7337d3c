import {describe, expect, it} from 'vitest';
import {gitEnvironment} from '../../source/core/git/environment.js';
import {insideOwnPush, remoteBeingPushed, withoutRemoteBeingPushed} from '../../source/setup/hook-guard.js';

const remotes = [
	{name: 'origin', url: 'https://example.invalid/r.git'},
	{name: 'backup', url: '/srv/backup.git'},
	{name: 'config-only'},
];

describe('hook guard: no push inside our own push', () => {
	it('every git process remote-sync starts is marked, so the hooks it triggers know', () => {
		expect(gitEnvironment({PATH: '/usr/bin'}).REMOTE_SYNC_HOOK_ACTIVE).toBe('1');
		expect(insideOwnPush(gitEnvironment({}))).toBe(true);
	});

	it('a plain environment, or an empty value, is not inside one', () => {
		expect(insideOwnPush({})).toBe(false);
		expect(insideOwnPush({REMOTE_SYNC_HOOK_ACTIVE: ' '})).toBe(false);
	});
});

describe('hook guard: the remote a pre-push hook leaves to git', () => {
	it('skips the remote our hook names, by name or by URL (git push <url>)', () => {
		expect(withoutRemoteBeingPushed(remotes, {REMOTE_SYNC_HOOK_REMOTE: 'origin'}).map(remote => remote.name)).toEqual(['backup', 'config-only']);
		expect(withoutRemoteBeingPushed(remotes, {REMOTE_SYNC_HOOK_REMOTE: '/srv/backup.git'}).map(remote => remote.name)).toEqual(['origin', 'config-only']);
	});

	it('understands the pre-commit framework\'s PRE_COMMIT_REMOTE_NAME; ours wins when both are set', () => {
		expect(remoteBeingPushed({PRE_COMMIT_REMOTE_NAME: 'backup'})).toBe('backup');
		expect(remoteBeingPushed({PRE_COMMIT_REMOTE_NAME: 'backup', REMOTE_SYNC_HOOK_REMOTE: 'origin'})).toBe('origin');
	});

	it('keeps every remote outside a pre-push hook', () => {
		expect(withoutRemoteBeingPushed(remotes, {})).toEqual(remotes);
		expect(withoutRemoteBeingPushed(remotes, {REMOTE_SYNC_HOOK_REMOTE: ''})).toEqual(remotes);
	});
});
