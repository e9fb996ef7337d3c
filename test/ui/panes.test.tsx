import {describe, expect, it} from 'vitest';
import type {LogEntry} from '../../source/core/snapshot.js';
import {footerItems} from '../../source/ui/components/footer.js';
import {chordsLabel, keymap} from '../../source/ui/keymap.js';
import {StaticService, buildRow, buildSnapshot} from './fixtures/static-service.js';
import {keys, renderApp} from './helpers.js';

describe('detail pane (enter)', () => {
	const row = buildRow('backup', {
		url: 'https://***@git.example.test/team/repo.git',
		forcePush: 'warn',
		branches: ['main', 'release/*', '!wip/*'],
		group: 'mirrors',
		lastResult: {
			kind: 'push',
			remote: 'backup',
			branch: 'main',
			status: 'rejected',
			durationMs: 2100,
			attempts: 1,
			errorClass: 'rejected',
			error: 'non-fast-forward: fetch first',
			message: 'backup refused main',
			output: ['To https://***@git.example.test/team/repo.git', ' ! [rejected] main -> main (fetch first)', 'error: failed to push some refs'].join('\n'),
			finishedAt: Date.now(),
		},
	});

	it('shows the redacted URL, policy, branches, group, last result and the tail of git output', async () => {
		const app = await renderApp(new StaticService(buildSnapshot({remotes: [row]})));
		expect(app.frame()).not.toContain('backup details');
		app.press(keys.enter);
		const frame = await app.waitForFrame('backup details');
		expect(frame).toMatch(/url\s+https:\/\/\*\*\*@git\.example\.test\/team\/repo\.git/);
		expect(frame).toMatch(/force push\s+warn \(asks before a force push\)/);
		expect(frame).toMatch(/branches\s+main, release\/\*, !wip\/\*/);
		expect(frame).toMatch(/group\s+mirrors/);
		expect(frame).toMatch(/last\s+push rejected main · 2\.1s · 1 attempt/);
		expect(frame).toContain('backup refused main');
		expect(frame).toMatch(/error\s+rejected: non-fast-forward: fetch first/);
		expect(frame).toContain('! [rejected] main -> main (fetch first)');
		expect(frame).toContain('error: failed to push some refs');
		app.press(keys.enter);
		await app.waitForFrame((text) => !text.includes('backup details'));
	});
});

describe('log pane (@)', () => {
	const entries: LogEntry[] = Array.from({length: 60}, (_, index) => ({
		at: Date.now(),
		level: index === 59 ? 'error' : 'info',
		text: `entry-${String(index).padStart(2, '0')}`,
		durationMs: index === 59 ? 1500 : undefined,
	}));

	it('toggles, shows the newest entries last, and only as many as fit', async () => {
		const app = await renderApp(new StaticService(buildSnapshot({log: entries})));
		expect(app.frame()).not.toContain('entry-59');
		app.press('@');
		const frame = await app.waitForFrame('entry-59 (1.5s)');
		const lines = frame.split('\n');
		const last = lines.findIndex((line) => line.includes('entry-59'));
		expect(lines[last - 1]).toContain('entry-58');
		expect(frame).not.toContain('entry-00');
		app.press('@');
		await app.waitForFrame((text) => !text.includes('entry-59'));
	});
});

describe('help overlay (?)', () => {
	it('lists every key of the keymap, says what h checks, and closes with ? or esc', async () => {
		const app = await renderApp(new StaticService(buildSnapshot()));
		app.press('?');
		const frame = await app.waitForFrame('Keys');
		for (const binding of keymap) expect(frame).toContain(binding.description);
		expect(frame).toContain('q / ctrl-c');
		expect(frame).toContain('or the selected one when none is marked');
		expect(frame).toContain('g / home');
		app.press(keys.escape);
		await app.waitForFrame((text) => !text.includes('Keys'));
		app.press('?');
		await app.waitForFrame('Keys');
		app.press('?');
		await app.waitForFrame((text) => !text.includes('Keys'));
	});

	it('swallows action keys while open', async () => {
		const service = new StaticService(buildSnapshot());
		const app = await renderApp(service);
		app.press('?');
		await app.waitForFrame('Keys');
		app.press('P');
		app.press(keys.escape);
		await app.waitForFrame((text) => !text.includes('Keys'));
		expect(service.callsOf('push')).toHaveLength(0);
	});
});

describe('footer', () => {
	it('shows key hints generated from the keymap', async () => {
		const app = await renderApp(new StaticService(buildSnapshot()));
		const footer = app.frame().split('\n').at(-1) ?? '';
		expect(footer).toMatch(/^p push\s+P push all\s+f fetch/);
		expect(footer).toMatch(/\? help\s+q quit$/);
	});

	it('keeps help and quit and drops hints that do not fit', () => {
		for (const width of [30, 60, 80, 120, 200]) {
			const items = footerItems(width);
			const text = items.map((binding) => `${binding.label} ${binding.hint}`).join('  ');
			expect([...text].length).toBeLessThanOrEqual(width);
			expect(items.map((binding) => binding.intent).slice(-2)).toEqual(['toggle-help', 'quit']);
		}

		expect(footerItems(200).length).toBeGreaterThan(footerItems(80).length);
		expect(footerItems(80).length).toBeGreaterThan(footerItems(30).length);
	});

	it('labels every binding in the help from its chords', () => {
		expect(keymap.map(chordsLabel)).toContain('↑ / k');
		expect(keymap.map(chordsLabel)).toContain('space');
	});
});
