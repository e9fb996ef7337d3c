import {it} from 'vitest';
import {StaticService, buildRow, buildSnapshot} from './fixtures/static-service.js';
import {renderApp} from './helpers.js';

it('debug', async () => {
	const rows = Array.from({length: 5}, (_, index) => buildRow(`remote-${index}`));
	const app = await renderApp(new StaticService(buildSnapshot({remotes: rows})));
	app.press('j');
	app.press('j');
	console.log(app.frame().split('\n').slice(0, 7).join('\n'));
	await new Promise((r) => setTimeout(r, 50));
	console.log(app.frame().split('\n').slice(0, 7).join('\n'));
	app.press('j');
	await new Promise((r) => setTimeout(r, 50));
	console.log(app.frame().split('\n').slice(0, 7).join('\n'));
});
