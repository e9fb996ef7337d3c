export * from './sandbox.js';
export * from './repo.js';
