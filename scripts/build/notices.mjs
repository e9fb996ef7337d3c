// The bundle carries its dependencies' code, so it carries their licence notices too (MIT and
// ISC require it): dist/THIRD-PARTY-NOTICES.md, one "## name@version (licence)" section per
// package that esbuild put into the bundle, with that package's licence file. The external
// runtime dependencies (package.json "dependencies") are no input of the bundle, so never listed.
import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';

/** Package directories of the bundle's inputs: node_modules/<name> or node_modules/@scope/<name>. */
function packageDirs(root, metafile) {
	const dirs = new Set();
	for (const input of Object.keys(metafile.inputs)) {
		const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
		if (match) dirs.add(path.join(root, match[1]));
	}
	return [...dirs];
}

function licenceText(dir) {
	const file = readdirSync(dir).find(name => /^(licen[cs]e|copying)(\.|$)/i.test(name));
	return file ? readFileSync(path.join(dir, file), 'utf8').trim() : undefined;
}

export function writeNotices(root, metafile, target) {
	const sections = packageDirs(root, metafile)
		.filter(dir => existsSync(path.join(dir, 'package.json')))
		.map(dir => {
			const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
			const text = licenceText(dir) ?? `Licensed under ${manifest.license}; the package ships no licence file.`;
			return {id: `${manifest.name}@${manifest.version}`, license: manifest.license, text};
		})
		.sort((a, b) => a.id.localeCompare(b.id));
	const body = sections.map(({id, license, text}) => `## ${id} (${license})\n\n\`\`\`\n${text}\n\`\`\`\n`).join('\n');
	writeFileSync(target, `# Third-party notices\n\nThe files in dist/ bundle these packages. (The runtime dependencies in package.json are not bundled: npm installs them beside dist/, each with its own licence.)\n\n${body}`);
}
