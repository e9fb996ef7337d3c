/**
 * The one colour decision of the program, for headless text and the dashboard alike
 * (ink paints through chalk's default instance: `ui/terminal-colors.ts` hands it the level).
 * Precedence, strongest first: --no-color / --color, FORCE_COLOR (0 off, 1–3 the depth; it
 * beats NO_COLOR, as in Node itself), NO_COLOR, then a TTY that is not TERM=dumb.
 *
 * Headless text paints with Node's own `util.styleText`, not chalk: chalk's colour detection
 * imports node:process, node:tty and node:os at load (~8 ms on every run, measured), and the
 * six basic styles below look the same at every colour depth.
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

/**
 * The level for `stream`. `depth`: what the terminal takes when it is one (≥ 1). Headless
 * text uses only the basic colours, the same at every depth, so it asks nothing; the
 * dashboard passes what chalk's supports-color detects (`ui/terminal-colors.ts`).
 */
export function colorLevel(stream: {isTTY?: boolean}, env: NodeJS.ProcessEnv, colorFlag: boolean | undefined, depth: ColorLevel = 1): ColorLevel {
	if (colorFlag === false) return 0;
	const detected: ColorLevel = stream.isTTY !== true || env.TERM === 'dumb' ? 0 : (Math.max(1, depth) as ColorLevel);
	const forced = forcedLevel(env.FORCE_COLOR);
	if (colorFlag === true) return forced && forced > 0 ? forced : (Math.max(1, detected) as ColorLevel);
	if (forced !== undefined) return forced;
	if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
	return detected;
}

const unpainted = (text: string) => text;

export const plainPalette: Palette = {green: unpainted, red: unpainted, yellow: unpainted, cyan: unpainted, dim: unpainted, bold: unpainted};

type Style = 'green' | 'red' | 'yellow' | 'cyan' | 'dim' | 'bold';

// validateStream off: the level above already decided; Node would otherwise drop the codes for a
// pipe even under --color. node:util through getBuiltinModule: its ESM facade builds every export
// (parseArgs, MIMEType: more modules) for the one function used here, and only when painting.
const painter = (style: Style) => (text: string) => process.getBuiltinModule('node:util').styleText(style, text, {validateStream: false});

export function paletteFor(level: ColorLevel): Palette {
	if (level === 0) return plainPalette;
	return {green: painter('green'), red: painter('red'), yellow: painter('yellow'), cyan: painter('cyan'), dim: painter('dim'), bold: painter('bold')};
}
