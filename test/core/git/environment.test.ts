import {describe, expect, it} from 'vitest';
import {gitEnvironment, sshBatchCommand, type NetworkLimits} from '../../../source/core/git/environment.js';

const limits: NetworkLimits = {connectTimeoutSeconds: 30, silenceSeconds: 10};
const ours = '-o BatchMode=yes -o ConnectTimeout=30 -o ServerAliveInterval=4 -o ServerAliveCountMax=3';

describe('the ssh command git runs (git order: GIT_SSH_COMMAND > GIT_SSH > core.sshCommand > ssh)', () => {
	it("appends batch mode and keep-alives to the user's GIT_SSH_COMMAND", () => {
		expect(sshBatchCommand({GIT_SSH_COMMAND: 'ssh -i ~/.ssh/work'}, {...limits, configuredSshCommand: 'ssh -i other'})).toBe(`ssh -i ~/.ssh/work ${ours}`);
	});

	it('leaves GIT_SSH alone (a program that takes no options), even over core.sshCommand', () => {
		expect(sshBatchCommand({GIT_SSH: '/usr/local/bin/my-ssh'}, {...limits, configuredSshCommand: 'ssh -i other'})).toBeUndefined();
	});

	it("carries the user's core.sshCommand, so its per-account key is used", () => {
		expect(sshBatchCommand({}, {...limits, configuredSshCommand: 'ssh -i ~/.ssh/account2'})).toBe(`ssh -i ~/.ssh/account2 ${ours}`);
	});

	it('runs plain ssh otherwise, without -F (so ~/.ssh/config applies) and without loosening host key checks', () => {
		const command = sshBatchCommand({}, limits)!;
		expect(command).toBe(`ssh ${ours}`);
		expect(command).not.toMatch(/-F|StrictHostKeyChecking|accept-new|UserKnownHostsFile/);
	});

	it('keeps every bound inside what ssh accepts', () => {
		expect(sshBatchCommand({}, {connectTimeoutSeconds: 1e12, silenceSeconds: 0.2})).toBe(
			'ssh -o BatchMode=yes -o ConnectTimeout=2147483 -o ServerAliveInterval=1 -o ServerAliveCountMax=3',
		);
	});
});

describe('the environment of a network git call', () => {
	it('bounds http by a low-speed limit over stall_timeout', () => {
		const env = gitEnvironment({}, limits);
		expect(env).toMatchObject({GIT_HTTP_LOW_SPEED_LIMIT: '1', GIT_HTTP_LOW_SPEED_TIME: '10', GIT_SSH_COMMAND: `ssh ${ours}`});
	});

	it("keeps the user's own low-speed setting", () => {
		const env = gitEnvironment({GIT_HTTP_LOW_SPEED_LIMIT: '1000', GIT_HTTP_LOW_SPEED_TIME: '60'}, limits);
		expect(env).toMatchObject({GIT_HTTP_LOW_SPEED_LIMIT: '1000', GIT_HTTP_LOW_SPEED_TIME: '60'});
	});

	it('local plumbing gets no ssh command of ours', () => {
		expect(gitEnvironment({}).GIT_SSH_COMMAND).toBeUndefined();
		expect(gitEnvironment({GIT_SSH_COMMAND: 'ssh -i k'}).GIT_SSH_COMMAND).toBe('ssh -i k');
	});
});
