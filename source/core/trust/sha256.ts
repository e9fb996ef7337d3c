import type {BinaryLike} from 'node:crypto';

/**
 * sha256 as hex, for what trust pins. node:crypto is loaded at the first hash, not with the
 * program: it costs ~5 ms, and a run whose config asks for nothing never hashes.
 */
export function sha256Hex(data: BinaryLike): string {
	return process.getBuiltinModule('node:crypto').createHash('sha256').update(data).digest('hex');
}
