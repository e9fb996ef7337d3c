// esbuild plugin for the program's CommonJS build (dist/program.cjs). The dashboard is an ES
// module file of its own beside it (ink waits on yoga's WebAssembly at its top level, which
// CommonJS cannot), and code compiled from a V8 code cache cannot run import() itself. So the
// program's one door to it, source/cli/import-dashboard.ts, becomes a call to the loader the
// bin passes in (load-program.ts: the __importDashboard argument), whose import() is the bin's.
// The dashboard shares no state with the program: it gets the service as an argument and
// imports only pure helpers of core/, which it carries itself.
import {readFileSync} from 'node:fs';

const door = /[\\/]source[\\/]cli[\\/]import-dashboard\.ts$/;

export function dashboardBeside() {
	return {
		name: 'dashboard-beside',
		setup(build) {
			build.onLoad({filter: door}, () => ({contents: 'export const importDashboard = () => __importDashboard();', loader: 'js'}));
			// Any import() left in the program (of a name, or of a computed one the metafile does not
			// list) would fail when it runs from the cache: refuse to build it.
			build.onEnd(result => {
				for (const file of Object.keys(result.metafile?.outputs ?? {}).filter(name => name.endsWith('.cjs'))) {
					const at = readFileSync(file, 'utf8').search(/\bimport\(/);
					if (at !== -1) throw new Error(`${file}: an import() stays in the program (at offset ${at}); bundle what it loads, or load it the way source/cli/import-dashboard.ts does`);
				}
			});
		},
	};
}
