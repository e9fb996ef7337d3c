import type {Options} from 'write-file-atomic';

/**
 * Replace a file atomically (a temp file renamed over it), for the queue and our records.
 * write-file-atomic is loaded on the first write: it brings worker_threads and signal-exit,
 * a few milliseconds most runs (a status, a push that lands) never need.
 */
export async function writeFileAtomically(file: string, data: string, options?: Options): Promise<void> {
	const {default: write} = await import('write-file-atomic');
	await write(file, data, options);
}
