#!/usr/bin/env node
// Builds the two bins into dist/ with esbuild: a bundle of our code and the packages it uses,
// split into chunks so each bin loads only what the action it runs needs (--version and --help
// never parse the dashboard, React or the git engine). The packages in package.json
// "dependencies" (simple-git, for local git work only: docs/architecture.md) stay external: the
// installed package loads them from its node_modules; everything else is bundled.
//   node scripts/build/build.mjs   production: React's production build, no source maps (npm ci, npm pack)
//   node scripts/build/build.mjs --dev   development: React's development build, source maps
// Every chunk lands flat in dist/: source/install-paths.ts relies on that.
import {readFileSync, rmSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import * as esbuild from 'esbuild';
import {writeBundleMap} from './bundle-map.mjs';
import {writeNotices} from './notices.mjs';
import {yogaWasmBinary} from './yoga-wasm.mjs';

const dev = process.argv.includes('--dev');
const root = fileURLToPath(new URL('../..', import.meta.url));
const outdir = `${root}dist`;
const {dependencies = {}} = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));

rmSync(outdir, {recursive: true, force: true});
const {metafile} = await esbuild.build({
	absWorkingDir: root,
	entryPoints: ['source/cli/remote-sync.ts', 'source/cli/remote-sync-tui.ts'],
	outdir,
	entryNames: '[name]',
	chunkNames: 'chunk-[hash]',
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	define: {'process.env.NODE_ENV': JSON.stringify(dev ? 'development' : 'production')},
	// The runtime dependencies, installed beside the bundle; and ink's opt-in React devtools
	// bridge (DEV=true), which is not installed at all.
	external: [...Object.keys(dependencies), 'react-devtools-core'],
	// Dependencies written as CommonJS call require() for Node's own modules.
	inject: [fileURLToPath(new URL('cjs-globals.mjs', import.meta.url))],
	banner: {js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);"},
	minifySyntax: !dev,
	minifyWhitespace: !dev,
	minifyIdentifiers: !dev,
	sourcemap: dev ? 'linked' : false,
	legalComments: 'none',
	metafile: true,
	plugins: [yogaWasmBinary()],
	logLevel: 'warning',
});
writeNotices(root, metafile, `${outdir}/THIRD-PARTY-NOTICES.md`);
writeBundleMap(outdir, metafile, `${outdir}/bundle-map.json`);
