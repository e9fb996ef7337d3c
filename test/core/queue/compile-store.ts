import {existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import ts from 'typescript';

/**
 * Child processes must run OUR queue store, and dist/ may be stale or mid-build by someone
 * else. So we transpile the store and everything it imports (relative imports only) into a
 * private directory whose `node_modules` links to the project's. `transpileModule` needs no
 * type check (tsc does that separately) and takes a fraction of a second.
 */
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const sourceRoot = path.join(projectRoot, 'source');

export type CompiledStore = {
	/** file:// URL of the compiled queue-store.js, for `import()` in a child. */
	storeUrl: string;
	dir: string;
	dispose: () => void;
};

export function compileStore(entry = 'core/queue/queue-store.ts'): CompiledStore {
	const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'rst-queue-build-')));
	writeFileSync(path.join(dir, 'package.json'), '{"type": "module"}\n');
	symlinkSync(path.join(projectRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');

	const pending = [path.join(sourceRoot, entry)];
	const done = new Set<string>();
	while (pending.length > 0) {
		const file = pending.pop()!;
		if (done.has(file)) continue;
		done.add(file);
		const text = readFileSync(file, 'utf8');
		for (const imported of ts.preProcessFile(text).importedFiles) {
			if (!imported.fileName.startsWith('.')) continue;
			const base = path.resolve(path.dirname(file), imported.fileName).replace(/\.js$/, '');
			const found = [`${base}.ts`, `${base}.tsx`].find(candidate => existsSync(candidate));
			if (!found) throw new Error(`compile-store: cannot find ${imported.fileName} imported by ${file}`);
			pending.push(found);
		}

		const output = ts.transpileModule(text, {
			fileName: file,
			compilerOptions: {module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true, jsx: ts.JsxEmit.ReactJSX},
		});
		const target = path.join(dir, 'dist', path.relative(sourceRoot, file)).replace(/\.tsx?$/, '.js');
		mkdirSync(path.dirname(target), {recursive: true});
		writeFileSync(target, output.outputText);
	}

	return {
		storeUrl: pathToFileURL(path.join(dir, 'dist', entry.replace(/\.ts$/, '.js'))).href,
		dir,
		dispose: () => rmSync(dir, {recursive: true, force: true}),
	};
}
