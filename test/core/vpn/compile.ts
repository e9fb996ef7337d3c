import {execFile} from 'node:child_process';
import {mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';

/**
 * Compiles source modules to plain ESM JavaScript for a child `node` process (vitest can
 * import TypeScript, a plain node child cannot). Emits into a temp dir, never into dist/
 * which others use. Call from beforeAll; `dispose` from afterAll.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export type Compiled = {
	/** Absolute path of the compiled .js for a source file given relative to the repo root. */
	module(sourcePath: string): string;
	dispose(): void;
};

export async function compileForNode(entries: string[]): Promise<Compiled> {
	const outDir = realpathSync(mkdtempSync(path.join(tmpdir(), 'rst-compiled-')));
	const tsconfig = {
		extends: path.join(root, 'tsconfig.json'),
		compilerOptions: {
			rootDir: root,
			outDir,
			noEmit: false,
			sourceMap: false,
			declaration: false,
			incremental: false,
			// Emit only: the project's own typecheck covers types, and checking here would double the time.
			noCheck: true,
			// The config lives in a temp dir: point type lookup back at the project.
			typeRoots: [path.join(root, 'node_modules/@types')],
		},
		files: entries.map(entry => path.join(root, entry)),
		include: [],
	};
	const configPath = path.join(outDir, 'tsconfig.json');
	writeFileSync(configPath, JSON.stringify(tsconfig, null, '\t'));
	try {
		await promisify(execFile)(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', configPath], {cwd: root});
	} catch (error) {
		rmSync(outDir, {recursive: true, force: true});
		const output = (error as {stdout?: string}).stdout ?? String(error);
		throw new Error(`compiling ${entries.join(', ')} for a node child failed:\n${output}`);
	}

	// ESM output that finds the project's dependencies (execa, conf) from the temp dir.
	writeFileSync(path.join(outDir, 'package.json'), '{"type": "module"}\n');
	symlinkSync(path.join(root, 'node_modules'), path.join(outDir, 'node_modules'));
	return {
		module: sourcePath => path.join(outDir, sourcePath.replace(/\.tsx?$/, '.js')),
		dispose: () => rmSync(outDir, {recursive: true, force: true}),
	};
}
