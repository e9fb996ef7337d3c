/**
 * The program as the bins load it: the build makes this one CommonJS file (dist/program.cjs),
 * compiled through V8's code cache by load-program.ts. main is exported for the build's
 * training run, which exercises the common actions once to fill that cache; ranAnAction tells
 * the loader whether this run's compiled code is worth keeping.
 */
export {main, ranAnAction} from './main.js';
export {start} from './start.js';
