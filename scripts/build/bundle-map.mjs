// dist/bundle-map.json: which packages and source files each output file of the bundle holds,
// and for the program's file which of them run at every start (those its entry imports
// statically, directly or not; the rest wait for an import() to reach them). Tests read it to
// check what an action loads (test/cli/startup-cost.test.ts); `files` in package.json never
// takes it into the package.
import {writeFileSync} from 'node:fs';
import path from 'node:path';

const packageOf = input => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1];

function names(inputs) {
	return {
		packages: [...new Set(inputs.map(packageOf).filter(Boolean))].sort(),
		sources: inputs.filter(name => name.startsWith('source/')).sort(),
	};
}

/** The entry and every input it reaches through static imports and require() calls. */
function staticallyReached(metafile, entryPoint) {
	const reached = new Set([entryPoint]);
	const pending = [entryPoint];
	while (pending.length > 0) {
		for (const {path: next, kind, external} of metafile.inputs[pending.pop()]?.imports ?? []) {
			if (external || reached.has(next) || (kind !== 'import-statement' && kind !== 'require-call')) continue;
			reached.add(next);
			pending.push(next);
		}
	}

	return [...reached];
}

export function writeBundleMap(outdir, metafile, target) {
	const outputs = {};
	for (const [output, {inputs, entryPoint}] of Object.entries(metafile.outputs)) {
		if (!/\.[cm]?js$/.test(output)) continue;
		outputs[path.basename(output)] = {
			...names(Object.keys(inputs)),
			...(output.endsWith('.cjs') && entryPoint ? {atStart: names(staticallyReached(metafile, entryPoint))} : {}),
		};
	}

	writeFileSync(target, `${JSON.stringify({outdir: path.basename(outdir), outputs}, null, '\t')}\n`);
}
