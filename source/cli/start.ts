import {main} from './main.js';
import type {ProgramName} from './program-name.js';

/** What both bins run once load-program.ts has compiled the program: main, under the bin's name. */
export async function start(programName: ProgramName): Promise<void> {
	process.exitCode = await main(process.argv.slice(2), programName);
}
