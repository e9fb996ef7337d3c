import type {ConfigLayer} from './schema.js';

/**
 * A config layer with where it came from. Precedence is the array order, lowest first.
 * Kept after merging so messages can name the file that set a key, and so VPN commands
 * can be traced to the file that defined them (trust applies to repo files only).
 */
export type SourcedLayer = {
	kind: 'user' | 'repo' | 'env' | 'cli';
	layer: ConfigLayer;
	/** Absolute path, for file layers. */
	file?: string;
	/** Path as shown to the user, for file layers. */
	display?: string;
};

/** The highest-precedence layer for which `defines` is true. */
export function lastDefining(layers: readonly SourcedLayer[], defines: (layer: ConfigLayer) => boolean): SourcedLayer | undefined {
	for (let i = layers.length - 1; i >= 0; i--) if (defines(layers[i]!.layer)) return layers[i];
	return undefined;
}

/** "file: " for messages about a key, or "" when no file set it. */
export function filePrefix(layer: SourcedLayer | undefined): string {
	return layer?.display ? `${layer.display}: ` : '';
}
