import {shownText} from '../text/shown-text.js';
import type {LogEntry, RemoteRow, SyncSnapshot} from '../snapshot.js';

const maxLogEntries = 500;

/**
 * Holds the current immutable snapshot. Every change makes a new object (and new row objects
 * for the rows that changed) so useSyncExternalStore and React.memo can compare by reference.
 */
export class SnapshotStore {
	private current: SyncSnapshot;
	private readonly listeners = new Set<() => void>();

	constructor(initial: SyncSnapshot) {
		this.current = initial;
	}

	readonly subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	readonly getSnapshot = (): SyncSnapshot => this.current;

	update(change: (snapshot: SyncSnapshot) => SyncSnapshot): void {
		const next = change(this.current);
		if (next === this.current) return;
		this.current = next;
		for (const listener of this.listeners) listener();
	}

	updateRow(name: string, change: (row: RemoteRow) => RemoteRow): void {
		this.update(snapshot => {
			let changed = false;
			const remotes = snapshot.remotes.map(row => {
				if (row.name !== name) return row;
				const next = change(row);
				changed ||= next !== row;
				return next;
			});
			return changed ? {...snapshot, remotes} : snapshot;
		});
	}

	log(entry: Omit<LogEntry, 'at'> & {at?: number}): void {
		this.update(snapshot => {
			// Log lines quote git and name remotes: inert, redacted, one line each.
			const log = [...snapshot.log, {at: entry.at ?? Date.now(), ...entry, text: shownText(entry.text)}];
			return {...snapshot, log: log.length > maxLogEntries ? log.slice(-maxLogEntries) : log};
		});
	}
}
