#!/usr/bin/env node
// The `remote-sync-tui` bin: the dashboard (headless when stdin or stdout is not a terminal).
// The mode is this file's, never argv[1]'s name: cmd shims, pnpm and `node <file>` all run it as it is.
import {enableCompileCache} from './compile-cache.js';
import {startProgram} from './load-program.js';

enableCompileCache();
startProgram('remote-sync-tui');
