/**
 * Where each pane goes for a terminal size (pure, so the 80×24 and 200×60 cases are tested
 * without rendering). The root is one row shorter than the terminal: ink clears and redraws the
 * whole screen every frame once its output reaches the terminal height.
 */

export type Pane = {width: number; height: number};

export type Layout = {
	width: number;
	height: number;
	/** Wide: list and details side by side. Narrow: one column. */
	wide: boolean;
	/** Rows between the header and the status line. */
	bodyHeight: number;
	list: Pane;
	detail?: Pane;
	log?: Pane;
};

export type LayoutInput = {
	columns: number;
	rows: number;
	/** undefined: the default for the size (open when wide). */
	detailsOpen?: boolean;
	/** undefined: the default for the size (open when tall). */
	logOpen?: boolean;
	/** Lines the list wants: rows + column titles + divergence notes. */
	listLines: number;
};

export const wideColumns = 120;
export const tallRows = 40;
const chromeRows = 3; // header, status line, footer

/** Panes open when the user has not chosen: details when wide, the log when tall. */
export function paneDefaults(size: {columns: number; rows: number}): {detailsOpen: boolean; logOpen: boolean} {
	return {detailsOpen: size.columns >= wideColumns, logOpen: size.rows >= tallRows};
}

export function layoutFor(input: LayoutInput): Layout {
	const width = Math.max(20, input.columns);
	const height = Math.max(chromeRows + 2, input.rows - 1);
	const wide = width >= wideColumns;
	const bodyHeight = height - chromeRows;
	const defaults = paneDefaults(input);
	const detailsOpen = input.detailsOpen ?? defaults.detailsOpen;
	const logOpen = input.logOpen ?? defaults.logOpen;

	// Wide and tall: the list and details keep what they need, the log takes the rest of the
	// screen. Otherwise the log gets a third of the body, 3 to 12 lines.
	const wideMain = Math.min(bodyHeight - 3, Math.max(input.listLines, detailsOpen ? 18 : 0, Math.floor(bodyHeight * 0.4)));
	const logHeight = !logOpen ? 0 : wide ? bodyHeight - wideMain : Math.min(12, Math.max(3, Math.floor(bodyHeight * 0.3)));
	const mainHeight = bodyHeight - logHeight;
	const log = logOpen ? {width, height: logHeight} : undefined;

	if (wide) {
		const listWidth = detailsOpen ? Math.max(70, Math.floor(width * 0.55)) : width;
		const detail = detailsOpen ? {width: width - listWidth - 2, height: mainHeight} : undefined;
		return {width, height, wide, bodyHeight, list: {width: listWidth, height: mainHeight}, detail, log};
	}

	if (!detailsOpen) return {width, height, wide, bodyHeight, list: {width, height: mainHeight}, log};
	// Narrow with details: the list keeps what it needs (at most half), details take the rest.
	const listHeight = Math.max(2, Math.min(input.listLines, Math.floor(mainHeight / 2)));
	return {
		width,
		height,
		wide,
		bodyHeight,
		list: {width, height: listHeight},
		detail: {width, height: mainHeight - listHeight},
		log,
	};
}
