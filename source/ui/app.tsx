import {useEffect, useState} from 'react';
import {Box, Text, useInput} from 'ink';
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
import {useKeymap} from './hooks/use-keymap.js';
import {useNow} from './hooks/use-now.js';
import {useOperation} from './hooks/use-operation.js';
import {useQuit} from './hooks/use-quit.js';
import {useRemotes} from './hooks/use-remotes.js';
import {useSnapshot} from './hooks/use-snapshot.js';
import {TerminalSizeContext, useTerminalSize, type TerminalSize} from './hooks/use-terminal-size.js';
import {layoutFor, tallRows} from './layout.js';

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

type Overlay = 'none' | 'help' | 'branch';

function Dashboard({onExit}: {onExit(): void}) {
	const service = useSyncService();
	const snapshot = useSnapshot();
	const remotes = useRemotes();
	const ops = useOperation();
	const quit = useQuit(onExit, ops.inFlight);
	const {columns, rows} = useTerminalSize();
	const now = useNow();
	const [overlay, setOverlay] = useState<Overlay>('none');
	const [detailsOpen, setDetailsOpen] = useState<boolean | undefined>();
	const [logOpen, setLogOpen] = useState<boolean | undefined>();

	useEffect(() => {
		if (service.getSnapshot().statusAt === undefined) ops.refresh();
		// Once, on mount: later refreshes are the engine's (or the user's) business.
	}, []);

	const listLines = remotes.rows.length + 1 + Math.min(2, snapshot.divergence.length);
	const layout = layoutFor({columns, rows, detailsOpen, logOpen, listLines});
	const confirmation = ops.pending[0];
	const idle = !quit.quitting && !quit.asking && !confirmation;

	useKeymap(
		{
			'move-up': () => remotes.move(-1),
			'move-down': () => remotes.move(1),
			mark: remotes.toggleMark,
			push: () => ops.push(remotes.targets()),
			'push-all': ops.pushAll,
			fetch: () => ops.fetch(remotes.targets()),
			'fetch-all': () => ops.fetch(),
			health: () => ops.health(remotes.marked.size > 0 ? remotes.markedNames() : undefined),
			'retry-queue': ops.retryQueue,
			'toggle-dry-run': () => ops.setDryRun(!service.getSnapshot().dryRun),
			'choose-branch': () => setOverlay('branch'),
			'toggle-details': () => setDetailsOpen((open) => !(open ?? layout.wide)),
			'toggle-log': () => setLogOpen((open) => !(open ?? rows >= tallRows)),
			'clear-marks': remotes.clearMarks,
			'toggle-help': () => setOverlay('help'),
			quit: quit.request,
		},
		{isActive: idle && overlay === 'none'},
	);
	useKeymap({'toggle-help': () => setOverlay('none'), 'clear-marks': () => setOverlay('none'), quit: quit.request}, {isActive: idle && overlay === 'help'});
	// Ctrl-C reaches every mode: in the quit question it means "yes", elsewhere it asks.
	useInput(
		(input, key) => {
			if (key.ctrl && input === 'c') (quit.asking ? quit.confirm : quit.request)();
		},
		{isActive: !quit.quitting && (!idle || overlay === 'branch')},
	);

	const dialog = quit.asking ? (
		<QuitDialog running={Math.max(snapshot.running, ops.inFlight, 1)} width={layout.width} onQuit={quit.confirm} onCancel={quit.cancel} />
	) : confirmation && !quit.quitting ? (
		<ConfirmDialog confirmation={confirmation} waiting={ops.pending.length - 1} width={layout.width} onConfirm={ops.confirmForce} onCancel={ops.cancelForce} />
	) : null;

	const main =
		overlay === 'help' ? (
			<HelpOverlay width={layout.width} height={layout.bodyHeight} />
		) : overlay === 'branch' ? (
			<BranchPicker branches={snapshot.repo.branches} current={snapshot.repo.branch} width={layout.width} height={layout.bodyHeight} onPick={(branch) => { setOverlay('none'); ops.setBranch(branch); }} onCancel={() => setOverlay('none')} />
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
				{layout.log ? <LogPane entries={snapshot.log} width={layout.log.width} height={layout.log.height} /> : null}
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
				<StatusLine notice={ops.notice} marked={remotes.markedNames()} width={layout.width} />
			)}
			<Footer width={layout.width} />
		</Box>
	);
}
