/**
 * Minimal ANSI styling for headless text. Colour only when asked (a TTY without NO_COLOR
 * and without --no-color): the caller decides once and passes the palette around.
 */
export type Palette = {
	green(text: string): string;
	red(text: string): string;
	yellow(text: string): string;
	cyan(text: string): string;
	dim(text: string): string;
	bold(text: string): string;
};

const wrap = (open: number, close: number) => (text: string) => `\u001B[${open}m${text}\u001B[${close}m`;

export const colorPalette: Palette = {
	green: wrap(32, 39),
	red: wrap(31, 39),
	yellow: wrap(33, 39),
	cyan: wrap(36, 39),
	dim: wrap(2, 22),
	bold: wrap(1, 22),
};

const identity = (text: string) => text;
export const plainPalette: Palette = {green: identity, red: identity, yellow: identity, cyan: identity, dim: identity, bold: identity};

export function shouldUseColor(stream: {isTTY?: boolean}, env: NodeJS.ProcessEnv, colorFlag: boolean | undefined): boolean {
	if (colorFlag === false) return false;
	if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
	if (colorFlag === true) return true;
	return stream.isTTY === true && env.TERM !== 'dumb';
}
