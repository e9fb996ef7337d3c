// Injected into the bundle (scripts/build/build.mjs) for CommonJS dependencies that read
// __filename (write-file-atomic names its temp files after it). An ESM bundle has none.
import {fileURLToPath} from 'node:url';

export const __filename = fileURLToPath(import.meta.url);
