// dist/bundle-map.json: which packages and source files each output file of the bundle holds.
// Tests read it to check what an action loads (test/cli/startup-cost.test.ts); `files` in
// package.json takes only dist/*.js and the notices, so it never reaches the package.
import {writeFileSync} from 'node:fs';
import path from 'node:path';

const packageOf = input => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1];

export function writeBundleMap(outdir, metafile, target) {
	const outputs = {};
	for (const [output, {inputs}] of Object.entries(metafile.outputs)) {
		if (!/\.[cm]?js$/.test(output)) continue;
		const names = Object.keys(inputs);
		outputs[path.basename(output)] = {
			packages: [...new Set(names.map(packageOf).filter(Boolean))].sort(),
			sources: names.filter(name => name.startsWith('source/')).sort(),
		};
	}
	writeFileSync(target, `${JSON.stringify({outdir: path.basename(outdir), outputs}, null, '\t')}\n`);
}
