import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {programWrapper} from '../../source/cli/load-program.js';

/**
 * Which source files and packages of dist/program.cjs ran in one process, read from the V8
 * coverage Node writes at exit (NODE_V8_COVERAGE) and the build's source map of the file.
 *
 * The program is one file, so which files Node loaded says nothing; what ran does. A module the
 * program only reaches through import() sits in the file as a function that runs when the
 * import() does (esbuild's lazy wrapper): its code counts once some function of it was called.
 * The file's own top level is left out (every module's declarations sit there, whether it is
 * ever used or not); a module evaluated at the start calls its dependencies' functions there,
 * and those count.
 */
export type Ran = {packages: Set<string>; sources: Set<string>};

type Range = {startOffset: number; endOffset: number; count: number};
type ScriptCoverage = {url: string; functions: Array<{ranges: Range[]}>};

const packageOf = (source: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source)?.[1];

export function ranInProgram(coverageDir: string, dist: string): Ran {
	const ran: Ran = {packages: new Set(), sources: new Set()};
	const scripts = readdirSync(coverageDir)
		.filter(name => name.startsWith('coverage-'))
		.flatMap(name => (JSON.parse(readFileSync(path.join(coverageDir, name), 'utf8')) as {result: ScriptCoverage[]}).result);
	const script = scripts.find(entry => entry.url.endsWith('/program.cjs'));
	if (!script) return ran;

	const source = readFileSync(path.join(dist, 'program.cjs'), 'utf8');
	const map = JSON.parse(readFileSync(path.join(dist, 'program.cjs.map'), 'utf8')) as {sources: string[]; mappings: string};
	const head = programWrapper.head.length;
	const whole = (range: Range) => range.startOffset <= head && range.endOffset >= head + source.length;
	const ranges = script.functions.flatMap(fn => fn.ranges).filter(range => !whole(range));
	// The innermost range around an offset says how often the code there ran.
	const countAt = (offset: number) => {
		let inner: Range | undefined;
		for (const range of ranges) {
			if (range.startOffset <= offset && offset < range.endOffset && (!inner || range.endOffset - range.startOffset < inner.endOffset - inner.startOffset)) inner = range;
		}

		return inner?.count ?? 0;
	};

	const seen = new Set<number>();
	for (const {offset, sourceIndex} of mappedOffsets(source, map.mappings)) {
		if (seen.has(sourceIndex) || countAt(head + offset) === 0) continue;
		seen.add(sourceIndex);
		const name = path.relative(path.dirname(dist), path.resolve(dist, map.sources[sourceIndex]!)).split(path.sep).join('/');
		const packageName = packageOf(name);
		if (packageName) ran.packages.add(packageName);
		else ran.sources.add(name);
	}

	return ran;
}

const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Each mapping of a source map (v3 "mappings", base64 VLQ) as an offset into the generated file. */
function* mappedOffsets(generated: string, mappings: string): Generator<{offset: number; sourceIndex: number}> {
	let lineStart = 0;
	let sourceIndex = 0;
	for (const line of mappings.split(';')) {
		let column = 0;
		for (const segment of line ? line.split(',') : []) {
			const fields = vlqFields(segment);
			column += fields[0]!;
			if (fields.length < 4) continue;
			sourceIndex += fields[1]!;
			yield {offset: lineStart + column, sourceIndex};
		}

		const next = generated.indexOf('\n', lineStart);
		lineStart = next === -1 ? generated.length : next + 1;
	}
}

function vlqFields(segment: string): number[] {
	const fields: number[] = [];
	let value = 0;
	let shift = 0;
	for (const char of segment) {
		const digit = base64.indexOf(char);
		value += (digit & 31) << shift;
		if (digit & 32) {
			shift += 5;
			continue;
		}

		fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
		value = 0;
		shift = 0;
	}

	return fields;
}
