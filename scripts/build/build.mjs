#!/usr/bin/env node
// Builds the two bins into dist/ with esbuild: a bundle of our code and the packages it uses,
// split into chunks so each bin loads only what the action it runs needs (--version and --help
// never parse the dashboard, React or the git engine). The packages in package.json
// "dependencies" (simple-git, for local git work only: docs/architecture.md) stay external: the
// installed package loads them from its node_modules; everything else is bundled.
//   node scripts/build/build.mjs   production: React's production build, no source maps (npm ci, npm pack)
//   node scripts/build/build.mjs --dev   development: React's development build, source maps
// Every chunk lands flat in dist/: source/install-paths.ts relies on that.
import {randomUUID} from 'node:crypto';
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import * as esbuild from 'esbuild';
import {writeBundleMap} from './bundle-map.mjs';
import {writeCodeCache} from './code-cache.mjs';
import {dashboardBeside} from './dashboard-beside.mjs';
import {writeNotices} from './notices.mjs';
import {yogaWasmBinary} from './yoga-wasm.mjs';

const dev = process.argv.includes('--dev');
const root = fileURLToPath(new URL('../..', import.meta.url));
const outdir = `${root}dist`;
const {dependencies = {}} = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));

rmSync(outdir, {recursive: true, force: true});
const shared = {
	absWorkingDir: root,
	outdir,
	entryNames: '[name]',
	bundle: true,
	platform: 'node',
	target: 'node20',
	define: {'process.env.NODE_ENV': JSON.stringify(dev ? 'development' : 'production')},
	minifySyntax: !dev,
	minifyWhitespace: !dev,
	minifyIdentifiers: !dev,
	legalComments: 'none',
	metafile: true,
	logLevel: 'warning',
};

// The program: every action, in one CommonJS file that load-program.ts compiles with V8's code
// cache (Node 20 caches no ES module). Its own import() calls stay inside the file, loaded when
// reached; only the dashboard is another file (below), as ink waits on yoga's WebAssembly at
// the top level, which CommonJS cannot. The source map stays out of the package (`files`).
const program = await esbuild.build({
	...shared,
	entryPoints: {program: 'source/cli/program.ts'},
	format: 'cjs',
	outExtension: {'.js': '.cjs'},
	// The runtime dependencies, installed beside the bundle.
	external: Object.keys(dependencies),
	// install-paths.ts finds the package from its own file's URL.
	define: {...shared.define, 'import.meta.url': '__programUrl'},
	// The first line names this build: the code cache made for it starts with the same line.
	banner: {js: `// remote-sync-tui build ${randomUUID()}\nconst __programUrl = require('node:url').pathToFileURL(__filename).href;`},
	sourcemap: dev ? 'linked' : 'external',
	plugins: [dashboardBeside()],
});

// The bins and their loader: small CommonJS files, each whole (no shared chunk to load first),
// so --version compiles almost nothing. CommonJS, as an ES module entry makes Node set up its
// module loader before the first line runs (~20 ms here, bench/README.md); dist/package.json
// says "commonjs" for the .js files, so the bins keep the names installed hooks run.
const bins = await esbuild.build({
	...shared,
	entryPoints: {
		'remote-sync': 'source/cli/remote-sync.ts',
		'remote-sync-tui': 'source/cli/remote-sync-tui.ts',
		'load-program': 'source/cli/load-program.ts',
	},
	format: 'cjs',
	define: {...shared.define, 'import.meta.url': '__fileUrl'},
	banner: {js: "const __fileUrl = require('node:url').pathToFileURL(__filename).href;"},
	sourcemap: dev ? 'linked' : false,
});

// The dashboard: an ES module (ink waits on yoga's WebAssembly at its top level), split so the
// devtools bridge ink loads only when asked stays out of its file.
const dashboard = await esbuild.build({
	...shared,
	entryPoints: {dashboard: 'source/ui/render-dashboard.tsx'},
	chunkNames: 'chunk-[hash]',
	splitting: true,
	format: 'esm',
	outExtension: {'.js': '.mjs'},
	// ink's opt-in React devtools bridge (DEV=true), which is not installed at all.
	external: ['react-devtools-core'],
	// Dependencies written as CommonJS call require() for Node's own modules.
	inject: [fileURLToPath(new URL('cjs-globals.mjs', import.meta.url))],
	banner: {js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);"},
	sourcemap: dev ? 'linked' : false,
	plugins: [yogaWasmBinary()],
});

const builds = [program, bins, dashboard].map(build => build.metafile);
const metafile = {inputs: Object.assign({}, ...builds.map(build => build.inputs)), outputs: Object.assign({}, ...builds.map(build => build.outputs))};
writeFileSync(`${outdir}/package.json`, `${JSON.stringify({type: 'commonjs'})}\n`);
writeNotices(root, metafile, `${outdir}/THIRD-PARTY-NOTICES.md`);
writeBundleMap(outdir, metafile, `${outdir}/bundle-map.json`);
writeCodeCache(root, outdir);
