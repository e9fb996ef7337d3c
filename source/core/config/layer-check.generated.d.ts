// Types of layer-check.generated.js (hand-written: the generator writes only the JavaScript).

/**
 * ajv's standalone check of one config layer against schema/remotesyncrc.schema.json: true when
 * the data satisfies it. It says nothing about why not (read-layer.ts asks zod for that).
 */
export declare function validate(data: unknown): boolean;
export default validate;

/** Every key the schema names, in zod's shape order: at the top level, in a remote, in a VPN. */
export declare const topLevelKeys: readonly string[];
export declare const remoteKeys: readonly string[];
export declare const vpnKeys: readonly string[];
