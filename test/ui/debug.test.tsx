import {it} from 'vitest';
import {StaticService, buildSnapshot} from './fixtures/static-service.js';
import {renderApp} from './helpers.js';

it('debug', async () => {
	const app = await renderApp(new StaticService(buildSnapshot()));
	app.press('?');
	await app.waitForFrame('Keys');
	console.log('PRESS');
	app.press('?');
	await new Promise((r) => setTimeout(r, 100));
	console.log('AFTER?', app.frame().split('\n')[1]);
});
