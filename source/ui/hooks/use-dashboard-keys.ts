import type {Key} from 'ink';
import type {Intent} from '../keymap.js';
import {useSyncService} from './service-context.js';
import {useKeymap} from './use-keymap.js';
import type {OperationApi} from './use-operation.js';
import type {QuitFlow} from './use-quit.js';
import type {RemotesView} from './use-remotes.js';
import type {ValueStore} from './value-store.js';

export type Overlay = 'none' | 'help' | 'branch';

/**
 * What the dashboard shows besides the list; `undefined` panes follow the size's default.
 * `logFocused`: the log has the keys (j/k/pgup/pgdn/g/G scroll it); `logScroll` counts entries
 * hidden below the bottom (0 = newest shown). `filter` narrows the remotes by name; while
 * `filterEditing`, keys are typed into it.
 */
export type ViewState = {
	overlay: Overlay;
	detailsOpen?: boolean;
	logOpen?: boolean;
	logFocused?: boolean;
	logScroll?: number;
	filter?: string;
	filterEditing?: boolean;
};

type DashboardKeys = {
	remotes: RemotesView;
	ops: OperationApi;
	quit: QuitFlow;
	view: ValueStore<ViewState>;
	/** Whether details / log are open when the user has not chosen (depends on the size). */
	defaults: {detailsOpen: boolean; logOpen: boolean};
	/** Rows a page key moves through: the list's and the log's visible lines. */
	pages: {list: number; log: number};
	/** Entries in the log, to bound its scrolling. */
	logLength(): number;
};

/**
 * The one router from intents to actions (SPEC §5 keys). It reads the mode synchronously at key
 * time, so a key never reaches the mode the screen has just left. Dialogs with their own keys
 * (confirm: y/n, quit: y/n, branch picker) get them from their own useInput; here only `q` and
 * Ctrl-C pass through those modes, as "quit".
 */
function ifAny(names: string[], run: (names: string[]) => void): void {
	if (names.length > 0) run(names);
}

/** Keys typed into the `/` filter: text appends, backspace deletes, enter keeps, esc clears. */
function editFilter(view: ValueStore<ViewState>, input: string, key: Key): void {
	view.update((state) => {
		const text = state.filter ?? '';
		if (key.escape) return {...state, filter: '', filterEditing: false};
		if (key.return) return {...state, filterEditing: false};
		if (key.backspace || key.delete) return {...state, filter: [...text].slice(0, -1).join('')};
		if (key.ctrl || key.meta || input === '' || /[\u0000-\u001F\u007F]/.test(input)) return state;
		return {...state, filter: text + input};
	});
}

export function useDashboardKeys({remotes, ops, quit, view, defaults, pages, logLength}: DashboardKeys): void {
	const service = useSyncService();
	const setView = (change: Partial<ViewState>): void => view.update((state) => ({...state, ...change}));
	const logOpen = (): boolean => view.get().logOpen ?? defaults.logOpen;
	const scrollLog = (delta: number): void =>
		view.update((state) => ({...state, logScroll: Math.min(Math.max(0, logLength() - 1), Math.max(0, (state.logScroll ?? 0) + delta))}));

	const actions: Record<Intent, () => void> = {
		'move-up': () => remotes.move(-1),
		'move-down': () => remotes.move(1),
		'move-top': () => remotes.moveTo(0),
		'move-bottom': () => remotes.moveTo(-1),
		'page-up': () => remotes.move(-Math.max(1, pages.list)),
		'page-down': () => remotes.move(Math.max(1, pages.list)),
		filter: () => setView({filterEditing: true}),
		mark: remotes.toggleMark,
		'mark-all': remotes.toggleMarkAll,
		// No row, no target: an empty list must never reach the engine (it could mean "all").
		push: () => ifAny(remotes.targets(), ops.push),
		'push-all': ops.pushAll,
		fetch: () => ifAny(remotes.targets(), ops.fetch),
		'fetch-all': () => ops.fetch(),
		// Like p and f: the marked remotes, else the selected one; H checks them all.
		health: () => ifAny(remotes.targets(), ops.health),
		'health-all': () => ops.health(),
		'retry-queue': ops.retryQueue,
		'toggle-dry-run': () => ops.setDryRun(!service.getSnapshot().dryRun),
		'choose-branch': () => setView({overlay: 'branch'}),
		'toggle-details': () => setView({detailsOpen: !(view.get().detailsOpen ?? defaults.detailsOpen)}),
		// Closed → open with the keys; open without them → take the keys; with them → close.
		'toggle-log': () => {
			if (!logOpen()) setView({logOpen: true, logFocused: true, logScroll: 0});
			else if (!view.get().logFocused) setView({logFocused: true});
			else setView({logOpen: false, logFocused: false, logScroll: 0});
		},
		'clear-marks': () => {
			if (view.get().logFocused) setView({logFocused: false});
			else if (view.get().filter) setView({filter: ''});
			else remotes.clearMarks();
		},
		'toggle-help': () => setView({overlay: 'help'}),
		quit: quit.request,
	};

	// While the log has the keys, moving keys scroll it (newest at the bottom, like a terminal).
	const logKeys: Partial<Record<Intent, () => void>> = {
		'move-up': () => scrollLog(1),
		'move-down': () => scrollLog(-1),
		'page-up': () => scrollLog(Math.max(1, pages.log)),
		'page-down': () => scrollLog(-Math.max(1, pages.log)),
		'move-top': () => scrollLog(logLength()),
		'move-bottom': () => setView({logScroll: 0}),
	};

	const text = {active: () => view.get().filterEditing === true && !quit.isAsking() && !quit.isQuitting(), onText: (input: string, key: Key) => editFilter(view, input, key)};
	useKeymap((intent) => {
		if (quit.isQuitting()) return;
		if (quit.isAsking()) {
			if (intent === 'quit') quit.confirm();
			return;
		}

		if (ops.hasPending() || view.get().overlay === 'branch') {
			if (intent === 'quit') quit.request();
			return;
		}

		if (view.get().overlay === 'help') {
			if (intent === 'toggle-help' || intent === 'clear-marks') setView({overlay: 'none'});
			else if (intent === 'quit') quit.request();
			return;
		}

		const inLog = view.get().logFocused && logOpen() ? logKeys[intent] : undefined;
		(inLog ?? actions[intent])();
	}, {text});
}
