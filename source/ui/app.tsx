import {useEffect, useRef} from 'react';
import {Box, Text} from 'ink';
import type {SyncServiceApi} from '../core/snapshot.js';
import {BranchPicker} from './components/branch-picker.js';
import {ConfirmDialog} from './components/confirm-dialog.js';
import {DetailPane} from './components/detail-pane.js';
import {Footer} from './components/footer.js';
import {Header} from './components/header.js';
import {HelpOverlay} from './components/help-overlay.js';
import {LogPane} from './components/log-pane.js';
import {QuitDialog} from './components/quit-dialog.js';
import {RemoteList} from './components/remote-list.js';
import {StatusLine} from './components/status-line.js';
import {ServiceProvider, useSyncService} from './hooks/service-context.js';
import {useDashboardKeys, type ViewState} from './hooks/use-dashboard-keys.js';
import {useNow} from './hooks/use-now.js';
import {useOperation} from './hooks/use-operation.js';
import {useQuit} from './hooks/use-quit.js';
import {useRemotes} from './hooks/use-remotes.js';
import {useSnapshot} from './hooks/use-snapshot.js';
import {TerminalSizeContext, useTerminalSize, type TerminalSize} from './hooks/use-terminal-size.js';
import {useValueStore} from './hooks/value-store.js';
import {layoutFor, paneDefaults} from './layout.js';

export type AppProps = {
	service: SyncServiceApi;
	/** Called once when the user quits; the caller disposes the service and unmounts. */
	onExit(): void;
	/** Pins the terminal size (tests); default: stdout's size, following resizes. */
	size?: TerminalSize;
	/** Minimum ms between snapshot re-renders (default 80); 0 disables throttling. */
	throttleMs?: number;
};

export function App({service, onExit, size, throttleMs}: AppProps) {
	const dashboard = (
		<ServiceProvider service={service} throttleMs={throttleMs}>
			<Dashboard onExit={onExit} />
		</ServiceProvider>
	);
	return size ? <TerminalSizeContext.Provider value={size}>{dashboard}</TerminalSizeContext.Provider> : dashboard;
}

function Dashboard({onExit}: {onExit(): void}) {
	const service = useSyncService();
	const snapshot = useSnapshot();
	const [view, viewStore] = useValueStore<ViewState>(() => ({overlay: 'none'}));
	const remotes = useRemotes(view.filter);
	const ops = useOperation();
	const quit = useQuit(onExit, ops.busy);
	const {columns, rows} = useTerminalSize();
	const now = useNow();
	const closeOverlay = () => viewStore.update((state) => ({...state, overlay: 'none'}));

	useEffect(() => {
		// Once, on mount: later refreshes are the engine's (or the user's) business.
		if (service.getSnapshot().statusAt === undefined) ops.refresh();
	}, []);

	const listLines = remotes.rows.length + 1 + Math.min(2, snapshot.divergence.length);
	const layout = layoutFor({columns, rows, detailsOpen: view.detailsOpen, logOpen: view.logOpen, listLines});
	const latestLog = useRef(snapshot.log);
	latestLog.current = snapshot.log;
	useDashboardKeys({
		remotes,
		ops,
		quit,
		view: viewStore,
		defaults: paneDefaults({columns, rows}),
		pages: {list: layout.list.height - 2, log: (layout.log?.height ?? 3) - 2},
		logLength: () => latestLog.current.length,
	});
	const mode = view.filterEditing
		? `filter: ${view.filter ?? ''}▌  (enter keeps, esc clears)`
		: view.logFocused && layout.log
			? 'log: j/k ↑↓ pgup/pgdn g/G scroll · esc back · @ closes'
			: view.filter
				? `filter: ${view.filter}  (/ edits, esc clears)`
				: undefined;
	const confirmation = ops.pending[0];
	const overlay = view.overlay;

	const dialog = quit.asking ? (
		<QuitDialog running={Math.max(snapshot.running, ops.inFlight, 1)} width={layout.width} onQuit={quit.confirm} onCancel={quit.cancel} />
	) : confirmation && !quit.quitting ? (
		<ConfirmDialog key={`${confirmation.remote}:${confirmation.branch}`} confirmation={confirmation} waiting={ops.pending.length - 1} width={layout.width} onConfirm={ops.confirmForce} onCancel={ops.cancelForce} />
	) : null;

	const main =
		overlay === 'help' ? (
			<HelpOverlay width={layout.width} height={layout.bodyHeight} />
		) : overlay === 'branch' ? (
			<BranchPicker
				branches={snapshot.repo.branches}
				current={snapshot.repo.branch}
				width={layout.width}
				height={layout.bodyHeight}
				onPick={(branch) => {
					closeOverlay();
					ops.setBranch(branch);
				}}
				onCancel={closeOverlay}
			/>
		) : (
			<Box flexDirection="column" height={layout.bodyHeight} overflow="hidden">
				<Box flexDirection={layout.wide ? 'row' : 'column'} height={layout.list.height + (layout.wide ? 0 : (layout.detail?.height ?? 0))} overflow="hidden" flexShrink={0}>
					<Box width={layout.list.width} height={layout.list.height} overflow="hidden" flexShrink={0}>
						<RemoteList rows={remotes.rows} selectedIndex={remotes.selectedIndex} marked={remotes.marked} divergence={snapshot.divergence} width={layout.list.width} height={layout.list.height} />
					</Box>
					{layout.detail ? (
						<Box marginLeft={layout.wide ? 2 : 0} flexShrink={0}>
							<DetailPane row={remotes.selected} now={now} width={layout.detail.width} height={layout.detail.height} />
						</Box>
					) : null}
				</Box>
				{layout.log ? <LogPane entries={snapshot.log} width={layout.log.width} height={layout.log.height} scroll={view.logScroll ?? 0} focused={view.logFocused === true} /> : null}
			</Box>
		);

	return (
		<Box flexDirection="column" width={layout.width} height={layout.height} overflow="hidden">
			<Header snapshot={snapshot} now={now} width={layout.width} />
			<Box flexDirection="column" height={layout.bodyHeight} overflow="hidden">
				{dialog}
				{main}
			</Box>
			{quit.quitting ? (
				<Text color="yellow" wrap="truncate-end">Stopping running work and disconnecting VPNs we connected…</Text>
			) : (
				<StatusLine notice={ops.notice} marked={remotes.rows.filter((row) => remotes.marked.has(row.name)).map((row) => row.name)} width={layout.width} />
			)}
			<Footer width={layout.width} mode={mode} />
		</Box>
	);
}
