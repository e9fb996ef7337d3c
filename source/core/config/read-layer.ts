import {readFileSync, statSync} from 'node:fs';
import {ConfigError} from '../errors.js';
import {describeIssue} from './issues.js';
import {describeValue} from './key-path.js';
import {locateJsonError} from './json-position.js';
import {layerSchema, type ConfigLayer} from './schema.js';
import {findUnknownKeys} from './unknown-keys.js';

/**
 * One config file → one validated layer. Every failure is a single-line ConfigError that
 * starts with the file as the user knows it (`display`), then the key path or line:column.
 */

export type FileLayer = {layer: ConfigLayer; warnings: string[]};

function readText(file: string, display: string): string {
	try {
		if (statSync(file).isDirectory()) throw new ConfigError(`${display}: is a directory, not a config file; replace it with a JSON file or point --config elsewhere`, {file: display});
		return readFileSync(file, 'utf8');
	} catch (error) {
		if (error instanceof ConfigError) throw error;
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') throw new ConfigError(`${display}: file not found (looked for ${file}); check the path`, {file: display});
		throw new ConfigError(`${display}: cannot be read (${code ?? 'unknown error'}); check the file's permissions`, {file: display});
	}
}

export function parseLayer(text: string, display: string): FileLayer {
	// Editors on Windows may save a byte order mark, which JSON.parse rejects.
	const source = text.replace(/^\uFEFF/, '');
	if (source.trim() === '') {
		throw new ConfigError(`${display}:1:1: the file is empty; write a JSON object such as {"remotes": {}} or delete the file`, {file: display});
	}

	let data: unknown;
	try {
		data = JSON.parse(source);
	} catch (error) {
		const at = locateJsonError(source, error);
		throw new ConfigError(
			`${display}:${at.line}:${at.column}: invalid JSON: ${at.reason}; fix the syntax there (JSON allows no comments or trailing commas)`,
			{file: display, keyPath: `${at.line}:${at.column}`},
		);
	}

	if (typeof data !== 'object' || data === null || Array.isArray(data)) {
		throw new ConfigError(`${display}: top level: must be a JSON object such as {"remotes": {}} (got ${describeValue(data)})`, {
			file: display,
			keyPath: 'top level',
		});
	}

	const result = layerSchema.safeParse(data);
	if (!result.success) {
		const first = result.error.issues[0]!;
		const {keyPath, problem} = describeIssue(first, data);
		const more = result.error.issues.length - 1;
		const suffix = more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'} in this file)` : '';
		throw new ConfigError(`${display}: ${keyPath}: ${problem}${suffix}`, {file: display, keyPath});
	}

	return {layer: result.data, warnings: findUnknownKeys(data).map(line => `${display}: ${line}`)};
}

export function readLayerFile(file: string, display: string): FileLayer {
	return parseLayer(readText(file, display), display);
}
