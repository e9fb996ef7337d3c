import {main, type ProgramName} from './main.js';

/** What both bin files do once the compile cache is on: run the program under their name. */
export async function start(programName: ProgramName): Promise<void> {
	process.exitCode = await main(process.argv.slice(2), programName);
}
