import {existsSync, readFileSync, readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import {describe, expect, it} from 'vitest';
import {tempDir} from '../harness/index.js';

/**
 * The one-way flow (docs/architecture.md) holds only if no module reaches back to one that
 * imports it: a circle makes load order matter and every file in it changes with the others.
 * A static scan of every relative import in source/ — `import type` and `export … from`
 * included (a type-only circle still ties the files together), dynamic `import()` too.
 */

const sourceRoot = path.resolve(import.meta.dirname, '../../source');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, {withFileTypes: true}).flatMap(entry => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
	});
}

/** `./x.js` as written (NodeNext) → the .ts or .tsx file it compiles from. */
function resolveImport(from: string, specifier: string): string | undefined {
	const target = path.resolve(path.dirname(from), specifier);
	const stem = target.replace(/\.(m?js|jsx)$/, '');
	return [`${stem}.ts`, `${stem}.tsx`, target].find(candidate => existsSync(candidate) && /\.tsx?$/.test(candidate));
}

function importGraph(files: string[]): Map<string, string[]> {
	const graph = new Map<string, string[]>();
	for (const file of files) {
		const {importedFiles} = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
		const targets = importedFiles
			.map(entry => entry.fileName)
			.filter(specifier => specifier.startsWith('.'))
			.map(specifier => resolveImport(file, specifier))
			.filter((target): target is string => target !== undefined);
		graph.set(file, [...new Set(targets)]);
	}

	return graph;
}

/** One concrete circle per strongly connected component (Tarjan), each as a path a → … → a. */
function importCycles(graph: Map<string, string[]>): string[][] {
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const components: string[][] = [];
	let next = 0;
	const visit = (node: string) => {
		index.set(node, next);
		low.set(node, next);
		next++;
		stack.push(node);
		onStack.add(node);
		for (const target of graph.get(node) ?? []) {
			if (!index.has(target)) {
				visit(target);
				low.set(node, Math.min(low.get(node)!, low.get(target)!));
			} else if (onStack.has(target)) {
				low.set(node, Math.min(low.get(node)!, index.get(target)!));
			}
		}

		if (low.get(node) !== index.get(node)) return;
		const component: string[] = [];
		let member: string;
		do {
			member = stack.pop()!;
			onStack.delete(member);
			component.push(member);
		} while (member !== node);
		if (component.length > 1 || (graph.get(node) ?? []).includes(node)) components.push(component);
	};

	for (const node of graph.keys()) if (!index.has(node)) visit(node);
	return components.map(component => circleWithin(graph, new Set(component)));
}

/** The shortest circle inside the component: the one that tells the reader what to untie. */
function circleWithin(graph: Map<string, string[]>, members: Set<string>): string[] {
	const circles = [...members].sort().map(start => shortestReturn(graph, members, start));
	return circles.reduce((best, circle) => (circle.length < best.length ? circle : best));
}

/** Breadth-first from `start` back to itself, staying inside `members`. */
function shortestReturn(graph: Map<string, string[]>, members: Set<string>, start: string): string[] {
	const cameFrom = new Map<string, string>();
	const queue = [start];
	for (let head = 0; head < queue.length; head++) {
		const node = queue[head]!;
		for (const target of graph.get(node) ?? []) {
			if (!members.has(target)) continue;
			if (target === start) {
				const circle = [node];
				while (circle[0] !== start) circle.unshift(cameFrom.get(circle[0]!)!);
				return [...circle, start];
			}

			if (!cameFrom.has(target)) {
				cameFrom.set(target, node);
				queue.push(target);
			}
		}
	}

	// Unreachable for a strongly connected component; a self-import is the circle of one.
	return [start, start];
}

const shown = (circle: string[]) => circle.map(file => path.relative(sourceRoot, file)).join(' → ');

describe('source/ has no import cycles', () => {
	it('no module imports, however indirectly, a module that imports it', () => {
		const graph = importGraph(sourceFiles(sourceRoot));
		expect(graph.size).toBeGreaterThan(100); // The premise: the scan saw the code.
		expect(importCycles(graph).map(shown)).toEqual([]);
	});

	it('the scan sees type-only, re-export and dynamic imports (a circle of each is found)', () => {
		const dir = tempDir('rst-cycles-');
		const write = (name: string, text: string) => writeFileSync(path.join(dir, name), text);
		write('a.ts', "import type {B} from './b.js';\nexport type A = B;\n");
		write('b.ts', "export * from './a.js';\nexport type B = string;\n");
		write('c.ts', "export const load = async () => import('./d.js');\n");
		write('d.tsx', "import {load} from './c.js';\nexport const again = load;\n");
		write('e.ts', "import {load} from './c.js';\nimport pLimit from 'p-limit';\nexport {load, pLimit};\n");
		const files = ['a.ts', 'b.ts', 'c.ts', 'd.tsx', 'e.ts'].map(name => path.join(dir, name));
		const cycles = importCycles(importGraph(files)).map(circle => circle.map(file => path.basename(file)));
		expect(cycles.sort()).toEqual([
			['a.ts', 'b.ts', 'a.ts'],
			['c.ts', 'd.tsx', 'c.ts'],
		]);
	});
});
