import {describe, expect, it} from 'vitest';
import type {PendingConfirmation} from '../../source/core/snapshot.js';
import {StaticService, buildSnapshot, emptyReport, type PushReport} from './fixtures/static-service.js';
import {keys, renderApp, waitFor} from './helpers.js';

const backup: PendingConfirmation = {
	remote: 'backup',
	branch: 'main',
	wouldLose: ['9f8e7d6 fix: keep the old parser', '1a2b3c4 docs: mention the mirror'],
	remoteSha: '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432',
};
const mirror: PendingConfirmation = {remote: 'mirror', branch: 'main', wouldLose: ['5d6e7f8 wip']};

function asking(...confirmations: PendingConfirmation[]): () => PushReport {
	return () => ({...emptyReport(), needsConfirmation: confirmations});
}

async function askedToForce(...confirmations: PendingConfirmation[]) {
	const service = new StaticService(buildSnapshot());
	service.pushAnswer = asking(...confirmations);
	const app = await renderApp(service);
	app.press('P');
	await app.waitForFrame(`Force-push main to ${confirmations[0]?.remote}?`);
	return {service, app};
}

describe('force-push policy: warn — the dashboard asks, naming what would be lost', () => {
	it('names the remote, the branch and the commits the remote would lose', async () => {
		const {app} = await askedToForce(backup);
		const frame = app.frame();
		expect(frame).toContain('backup would lose 2 commits:');
		expect(frame).toContain('- 9f8e7d6 fix: keep the old parser');
		expect(frame).toContain('- 1a2b3c4 docs: mention the mirror');
		expect(frame).toContain('n / esc / enter cancel (default)');
	});

	for (const [name, key] of [['enter', keys.enter], ['esc', keys.escape], ['n', 'n']] as const) {
		it(`${name} cancels: nothing is force-pushed`, async () => {
			const {app, service} = await askedToForce(backup);
			app.press(key);
			await app.waitForFrame('force push of main to backup cancelled');
			expect(app.frame()).not.toContain('Force-push');
			expect(service.callsOf('confirmForcePush')).toHaveLength(0);
		});
	}

	it('other keys neither answer nor act behind the dialog', async () => {
		const {app, service} = await askedToForce(backup);
		for (const key of ['x', 'Y', 'p', 'P', 'j', keys.space, '?']) app.press(key);
		await app.waitForFrame('Force-push main to backup?');
		expect(service.callsOf('confirmForcePush')).toHaveLength(0);
		expect(service.callsOf('push')).toHaveLength(1);
		expect(app.frame()).not.toContain('Keys');
	});

	it('y confirms: the engine force-pushes what the user was shown', async () => {
		const {app, service} = await askedToForce(backup);
		app.press('y');
		await waitFor(() => service.callsOf('confirmForcePush').length === 1);
		expect(service.callsOf('confirmForcePush')[0]?.confirmation).toEqual(backup);
		await app.waitForFrame('force push of main to backup: nothing to do');
		expect(app.frame()).not.toContain('Force-push');
	});

	it('asks for each remote in turn', async () => {
		const {app, service} = await askedToForce(backup, mirror);
		expect(app.frame()).toContain('1 more to answer');
		app.press('n');
		await app.waitForFrame('Force-push main to mirror?');
		app.press('y');
		await waitFor(() => service.callsOf('confirmForcePush').length === 1);
		expect(service.callsOf('confirmForcePush')[0]?.confirmation.remote).toBe('mirror');
	});

	it('a y typed ahead never answers a question not yet on screen', async () => {
		const {app, service} = await askedToForce(backup, mirror);
		app.press('y');
		app.press('y');
		await app.waitForFrame('Force-push main to mirror?');
		expect(service.callsOf('confirmForcePush').map((call) => call.confirmation.remote)).toEqual(['backup']);
	});
});
