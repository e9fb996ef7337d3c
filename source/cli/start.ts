import {main} from './main.js';
import type {ProgramName} from './program-name.js';

/** What both bin files do once the compile cache is on: run the program under their name. */
export async function start(programName: ProgramName): Promise<void> {
	process.exitCode = await main(process.argv.slice(2), programName);
}
