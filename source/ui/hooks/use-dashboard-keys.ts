import type {Intent} from '../keymap.js';
import {useSyncService} from './service-context.js';
import {useKeymap} from './use-keymap.js';
import type {OperationApi} from './use-operation.js';
import type {QuitFlow} from './use-quit.js';
import type {RemotesView} from './use-remotes.js';
import type {ValueStore} from './value-store.js';

export type Overlay = 'none' | 'help' | 'branch';

/** What the dashboard shows besides the list; `undefined` panes follow the size's default. */
export type ViewState = {overlay: Overlay; detailsOpen?: boolean; logOpen?: boolean};

type DashboardKeys = {
	remotes: RemotesView;
	ops: OperationApi;
	quit: QuitFlow;
	view: ValueStore<ViewState>;
	/** Whether details / log are open when the user has not chosen (depends on the size). */
	defaults: {detailsOpen: boolean; logOpen: boolean};
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

export function useDashboardKeys({remotes, ops, quit, view, defaults}: DashboardKeys): void {
	const service = useSyncService();
	const setView = (change: Partial<ViewState>): void => view.update((state) => ({...state, ...change}));

	const actions: Record<Intent, () => void> = {
		'move-up': () => remotes.move(-1),
		'move-down': () => remotes.move(1),
		mark: remotes.toggleMark,
		// No row, no target: an empty list must never reach the engine (it could mean "all").
		push: () => ifAny(remotes.targets(), ops.push),
		'push-all': ops.pushAll,
		fetch: () => ifAny(remotes.targets(), ops.fetch),
		'fetch-all': () => ops.fetch(),
		refresh: ops.refreshNow,
		// h is a health check of everything unless the user narrowed it with marks (see help).
		health: () => {
			const marked = remotes.markedNames();
			ops.health(marked.length > 0 ? marked : undefined);
		},
		'retry-queue': ops.retryQueue,
		'toggle-dry-run': () => ops.setDryRun(!service.getSnapshot().dryRun),
		'choose-branch': () => setView({overlay: 'branch'}),
		'toggle-details': () => setView({detailsOpen: !(view.get().detailsOpen ?? defaults.detailsOpen)}),
		'toggle-log': () => setView({logOpen: !(view.get().logOpen ?? defaults.logOpen)}),
		'clear-marks': remotes.clearMarks,
		'toggle-help': () => setView({overlay: 'help'}),
		quit: quit.request,
	};

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

		actions[intent]();
	});
}
