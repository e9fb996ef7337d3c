// esbuild plugin: hand yoga-layout (ink's layout engine) its WebAssembly as bytes.
// yoga-layout ships the wasm as a base64 data: URL and, because Node has fetch(), loads it with
// fetch(dataUrl): that starts Node's whole fetch implementation and decodes 90 KB through it,
// ~55 ms of CPU before the dashboard's first frame (bench/README.md, "first-frame profile").
// Emscripten's documented `wasmBinary` option skips that path: the bytes come from one
// Buffer.from(base64) instead. The data URL is emptied so the bundle holds the wasm once.
// Both edits are checked: if a yoga-layout release changes either file, the build fails here.
import {readFile} from 'node:fs/promises';
import {fileURLToPath, pathToFileURL} from 'node:url';

const dataUrl = /"data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/;
const loadCall = 'await loadYoga()';

async function wasmIn(path) {
	const source = await readFile(path, 'utf8');
	const match = dataUrl.exec(source);
	if (!match) throw new Error(`${path}: no base64 wasm data URL found; update scripts/build/yoga-wasm.mjs for this yoga-layout`);
	return {source, base64: match[1]};
}

export function yogaWasmBinary() {
	return {
		name: 'yoga-wasm-binary',
		setup(build) {
			build.onLoad({filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/}, async ({path}) => {
				const {source} = await wasmIn(path);
				return {contents: source.replace(dataUrl, '"data:application/octet-stream;base64,"'), loader: 'js'};
			});
			build.onLoad({filter: /[\\/]yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/}, async ({path}) => {
				const source = await readFile(path, 'utf8');
				if (!source.includes(loadCall)) throw new Error(`${path}: no "${loadCall}" found; update scripts/build/yoga-wasm.mjs for this yoga-layout`);
				const {base64} = await wasmIn(fileURLToPath(new URL('../binaries/yoga-wasm-base64-esm.js', pathToFileURL(path))));
				return {contents: source.replace(loadCall, `await loadYoga({wasmBinary: Buffer.from(${JSON.stringify(base64)}, 'base64')})`), loader: 'js'};
			});
		},
	};
}
