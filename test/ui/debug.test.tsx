import {it} from 'vitest';
import {StaticService, buildSnapshot} from './fixtures/static-service.js';
import {renderApp, keys} from './helpers.js';

it('debug', async () => {
	const app = await renderApp(new StaticService(buildSnapshot()));
	app.press('?');
	await app.waitForFrame('Keys');
	console.log(JSON.stringify(app.frame().slice(0, 300)));
	app.press(keys.escape);
	await new Promise((r) => setTimeout(r, 100));
	console.log(JSON.stringify(app.frames().slice(-3).map(f => f.slice(0, 200))));
});
