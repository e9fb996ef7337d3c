import {readFileSync, statSync} from 'node:fs';
import {ConfigError} from '../errors.js';
import {describeValue} from './key-path.js';
import {locateJsonError} from './json-position.js';
import {validate} from './layer-check.generated.js';
import type {ConfigLayer} from './schema.js';
import {findUnknownKeys} from './unknown-keys.js';
import {zodShaped} from './zod-shaped.js';

/**
 * One config file → one validated layer. Every failure is a single-line ConfigError that
 * starts with the file as the user knows it (`display`), then the key path or line:column.
 *
 * A valid file never loads zod (~150 KB, tens of ms of every run that has a config file): the
 * check ajv compiled from the schema (layer-check.generated.js, `npm run schema`) accepts it,
 * and zod-shaped.ts builds the layer zod would have returned. Only a file the check refuses
 * loads zod (layer-errors.ts), which words the error, or accepts after all and has the last word.
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

export async function parseLayer(text: string, display: string): Promise<FileLayer> {
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

	const layer = validate(data) ? zodShaped(data) : (await import('./layer-errors.js')).layerOrError(data, display);
	return {layer, warnings: findUnknownKeys(data).map(line => `${display}: ${line}`)};
}

export async function readLayerFile(file: string, display: string): Promise<FileLayer> {
	return parseLayer(readText(file, display), display);
}
