import chalk, {Chalk, supportsColor, supportsColorStderr, type ChalkInstance} from 'chalk';

/**
 * The one colour decision of the program, for headless text and the dashboard alike
 * (ink paints through chalk's default instance, so the dashboard follows `applyColorLevel`).
 * Precedence, strongest first: --no-color / --color, FORCE_COLOR (0 off, 1–3 the depth; it
 * beats NO_COLOR, as in Node itself), NO_COLOR, then a TTY that is not TERM=dumb (depth as
 * chalk's supports-color detects it).
 */
export type ColorLevel = 0 | 1 | 2 | 3;

export type Palette = {
	green(text: string): string;
	red(text: string): string;
	yellow(text: string): string;
	cyan(text: string): string;
	dim(text: string): string;
	bold(text: string): string;
};

function forcedLevel(value: string | undefined): ColorLevel | undefined {
	if (value === undefined) return undefined;
	if (value === '' || value === 'true') return 1;
	if (value === 'false') return 0;
	const level = Number.parseInt(value, 10);
	return Number.isNaN(level) ? undefined : (Math.max(0, Math.min(3, level)) as ColorLevel);
}

/** What a terminal of this kind can show, ignoring what the user asked for. */
function detectedLevel(stream: {isTTY?: boolean}, env: NodeJS.ProcessEnv, isStderr: boolean): ColorLevel {
	if (stream.isTTY !== true || env.TERM === 'dumb') return 0;
	const detected = isStderr ? supportsColorStderr : supportsColor;
	return Math.max(1, detected ? detected.level : 0) as ColorLevel;
}

export function colorLevel(stream: {isTTY?: boolean}, env: NodeJS.ProcessEnv, colorFlag: boolean | undefined, isStderr = false): ColorLevel {
	if (colorFlag === false) return 0;
	const forced = forcedLevel(env.FORCE_COLOR);
	if (colorFlag === true) return forced && forced > 0 ? forced : (Math.max(1, detectedLevel(stream, env, isStderr)) as ColorLevel);
	if (forced !== undefined) return forced;
	if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
	return detectedLevel(stream, env, isStderr);
}

export function paletteFor(level: ColorLevel): Palette {
	const paint: ChalkInstance = new Chalk({level});
	return {green: paint.green, red: paint.red, yellow: paint.yellow, cyan: paint.cyan, dim: paint.dim, bold: paint.bold};
}

export const plainPalette: Palette = paletteFor(0);

/** The dashboard's colours: ink renders with chalk's shared instance. */
export function applyColorLevel(level: ColorLevel): void {
	chalk.level = level;
}
