import {readFileSync, writeFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {keysMarkdownTable} from '../../source/ui/keymap.js';
import {StaticService, buildRow, buildSnapshot} from './fixtures/static-service.js';
import {keys, renderApp, waitFor, type Rendered} from './helpers.js';

const pageUp = '\u001B[5~';
const pageDown = '\u001B[6~';
const home = '\u001B[H';
const end = '\u001B[F';

function selectedName(app: Rendered): string | undefined {
	return /›\s+\S\s(\S+)/.exec(app.frame())?.[1];
}

const names = Array.from({length: 40}, (_, index) => `remote-${String(index + 1).padStart(2, '0')}`);

async function fleet(extra: Parameters<typeof buildSnapshot>[0] = {}) {
	const service = new StaticService(buildSnapshot({remotes: names.map(name => buildRow(name)), ...extra}));
	const app = await renderApp(service, {size: {columns: 80, rows: 24}});
	return {service, app};
}

describe('navigation like lazygit (SPEC §5)', () => {
	it('g/G and Home/End jump to the first and last remote; the list scrolls to keep it shown', async () => {
		const {app} = await fleet();
		app.press('G');
		await waitFor(() => selectedName(app) === 'remote-40', () => app.frame());
		expect(app.frame()).toContain('of 40');
		app.press('g');
		await waitFor(() => selectedName(app) === 'remote-01', () => app.frame());
		app.press(end);
		await waitFor(() => selectedName(app) === 'remote-40', () => app.frame());
		app.press(home);
		await waitFor(() => selectedName(app) === 'remote-01', () => app.frame());
	});

	it('PgDn/PgUp move a page at a time and stop at the ends', async () => {
		const {app} = await fleet();
		app.press(pageDown);
		await waitFor(() => selectedName(app) !== 'remote-01', () => app.frame());
		const afterOnePage = Number(selectedName(app)?.slice(-2));
		expect(afterOnePage).toBeGreaterThan(3);
		app.press(pageDown);
		await waitFor(() => Number(selectedName(app)?.slice(-2)) > afterOnePage, () => app.frame());
		for (let page = 0; page < 10; page++) app.press(pageDown);
		await waitFor(() => selectedName(app) === 'remote-40', () => app.frame());
		for (let page = 0; page < 10; page++) app.press(pageUp);
		await waitFor(() => selectedName(app) === 'remote-01', () => app.frame());
	});

	it('/ filters the remotes by name; p acts on what is shown; esc clears the filter', async () => {
		const {app, service} = await fleet();
		app.press('/');
		await app.waitForFrame('filter: ▌');
		app.press('3');
		app.press('7');
		await app.waitForFrame('filter: 37▌');
		// Keys are text while typing: this p is not a push.
		expect(service.callsOf('push')).toHaveLength(0);
		app.press(keys.enter);
		await app.waitForFrame(frame => frame.includes('filter: 37  (/ edits') && !frame.includes('remote-01'));
		expect(selectedName(app)).toBe('remote-37');
		app.press('p');
		await waitFor(() => service.callsOf('push').length === 1);
		expect(service.callsOf('push')[0]?.options).toEqual({remotes: ['remote-37']});
		app.press(keys.escape);
		await app.waitForFrame('remote-01');
	});

	it('a marks every remote shown, again unmarks them; f then acts on all of them', async () => {
		const {app, service} = await fleet({remotes: ['origin', 'backup', 'mirror'].map(name => buildRow(name))});
		app.press('a');
		await waitFor(() => (app.frame().match(/^. ● /gm) ?? []).length === 3, () => app.frame());
		app.press('f');
		await waitFor(() => service.callsOf('fetch').length === 1);
		expect(service.callsOf('fetch')[0]?.options).toEqual({remotes: ['origin', 'backup', 'mirror']});
		app.press('a');
		await waitFor(() => (app.frame().match(/^. ● /gm) ?? []).length === 0, () => app.frame());
	});

	it('@ opens the log with the keys: j/k, PgUp/PgDn and g/G scroll it; esc gives the keys back', async () => {
		const log = Array.from({length: 60}, (_, index) => ({at: Date.now(), level: 'info' as const, text: `entry-${String(index).padStart(2, '0')}`}));
		const {app} = await fleet({remotes: ['origin', 'backup'].map(name => buildRow(name)), log});
		app.press('@');
		await app.waitForFrame('entry-59');
		app.press('k');
		await app.waitForFrame(frame => !frame.includes('entry-59') && frame.includes('entry-58'));
		app.press(pageUp);
		await app.waitForFrame(frame => !frame.includes('entry-50'));
		app.press('g');
		await app.waitForFrame('entry-00');
		app.press('G');
		await app.waitForFrame('entry-59');
		expect(selectedName(app)).toBe('origin');
		app.press(keys.escape);
		await app.waitForFrame(frame => !frame.includes('esc back'));
		app.press('j');
		await waitFor(() => selectedName(app) === 'backup', () => app.frame());
		expect(app.frame()).toContain('entry-59');
	});

	it('the README keys table is the keymap (npm run docs:keys rewrites it)', () => {
		const file = new URL('../../README.md', import.meta.url);
		const block = /<!-- keys:start -->\n([\s\S]*?)\n?<!-- keys:end -->/;
		if (process.env.WRITE_KEYS_TABLE) writeFileSync(file, readFileSync(file, 'utf8').replace(block, `<!-- keys:start -->\n${keysMarkdownTable()}\n<!-- keys:end -->`));
		const between = block.exec(readFileSync(file, 'utf8'))?.[1];
		expect(between, 'README must hold the generated table between <!-- keys:start --> and <!-- keys:end -->; run npm run docs:keys').toBe(keysMarkdownTable());
	});
});
