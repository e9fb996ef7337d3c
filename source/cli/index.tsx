#!/usr/bin/env node
import path from 'node:path';
import {main} from './main.js';

// One program, two names: `remote-sync-tui` opens the dashboard, `remote-sync` is headless.
const invokedAs = path.basename(process.argv[1] ?? 'remote-sync').replace(/\.(js|ts|tsx)$/, '');
const programName = invokedAs === 'remote-sync-tui' ? 'remote-sync-tui' : 'remote-sync';

const code = await main(process.argv.slice(2), programName);
process.exitCode = code;
