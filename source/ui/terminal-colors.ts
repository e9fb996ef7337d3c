import chalk, {supportsColor} from 'chalk';
import {colorLevel, type ColorLevel} from '../report/colors.js';

/**
 * ink paints through chalk's shared instance: give it the program's colour decision
 * (report/colors.ts), at the depth this terminal takes as chalk's supports-color detects it
 * (the dashboard's colours are not only the basic ones). Loaded with the dashboard only.
 */
export function applyTerminalColors(stream: {isTTY?: boolean}, env: NodeJS.ProcessEnv, colorFlag: boolean | undefined): void {
	const depth = (supportsColor ? supportsColor.level : 1) as ColorLevel;
	chalk.level = colorLevel(stream, env, colorFlag, depth);
}
