#!/usr/bin/env node
// The `remote-sync` bin: headless (status as text when no action is given; --tui opens the dashboard).
// The mode is this file's, never argv[1]'s name: cmd shims, pnpm and `node <file>` all run it as it is.
import {enableCompileCache} from './compile-cache.js';
import {startProgram} from './load-program.js';

enableCompileCache();
startProgram('remote-sync');
