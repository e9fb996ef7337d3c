import {useMemo, useRef} from 'react';
import type {RemoteRow} from '../../core/snapshot.js';
import {useSnapshot} from './use-snapshot.js';
import {useValueStore} from './value-store.js';

export type RemotesView = {
	rows: readonly RemoteRow[];
	selectedIndex: number;
	selected: RemoteRow | undefined;
	marked: ReadonlySet<string>;
	move(delta: number): void;
	/** To the first (0) or last (-1) row. */
	moveTo(position: 0 | -1): void;
	toggleMark(): void;
	/** Marks every row shown; when all of them are marked already, unmarks them. */
	toggleMarkAll(): void;
	clearMarks(): void;
	/** What `p` and `f` act on: the marked remotes (in row order), else the selected one. */
	targets(): string[];
	/** The marked remotes in row order; empty when none is marked. */
	markedNames(): string[];
};

type Selection = {cursor: {name?: string; index: number}; marks: ReadonlySet<string>};

/** The cursor follows the remote by name, so rows reordering never moves it to another remote. */
function indexOf(selection: Selection, rows: readonly RemoteRow[]): number {
	const {name, index} = selection.cursor;
	const byName = name === undefined ? -1 : rows.findIndex((row) => row.name === name);
	if (byName >= 0) return byName;
	return Math.min(Math.max(0, index), Math.max(0, rows.length - 1));
}

function markedIn(selection: Selection, rows: readonly RemoteRow[]): string[] {
	return rows.filter((row) => selection.marks.has(row.name)).map((row) => row.name);
}

/** Rows whose name holds the filter text (case-insensitive); an empty filter keeps them all. */
export function filterRows(rows: readonly RemoteRow[], filter: string): readonly RemoteRow[] {
	const wanted = filter.trim().toLowerCase();
	return wanted === '' ? rows : rows.filter((row) => row.name.toLowerCase().includes(wanted));
}

/**
 * Rows (those the `/` filter lets through), cursor and marks. Actions read and write the
 * selection synchronously (see value-store.ts), so keys pressed faster than frames are all
 * honoured, in order. Marks on rows the filter hides are not acted on: what you act on is
 * what you see.
 */
export function useRemotes(filter = ''): RemotesView {
	const {remotes: all} = useSnapshot();
	const rows = useMemo(() => filterRows(all, filter), [all, filter]);
	const latestRows = useRef(rows);
	latestRows.current = rows;
	const [selection, store] = useValueStore<Selection>(() => ({cursor: {index: 0}, marks: new Set()}));

	const actions = useMemo(() => {
		const current = () => ({selection: store.get(), rows: latestRows.current});
		return {
			move(delta: number) {
				const {selection, rows} = current();
				if (rows.length === 0) return;
				const index = Math.min(rows.length - 1, Math.max(0, indexOf(selection, rows) + delta));
				store.set({...selection, cursor: {name: rows[index]?.name, index}});
			},
			moveTo(position: 0 | -1) {
				const {selection, rows} = current();
				if (rows.length === 0) return;
				const index = position === 0 ? 0 : rows.length - 1;
				store.set({...selection, cursor: {name: rows[index]?.name, index}});
			},
			toggleMarkAll() {
				const {selection, rows} = current();
				const allMarked = rows.length > 0 && rows.every((row) => selection.marks.has(row.name));
				const marks = new Set(selection.marks);
				for (const row of rows) {
					if (allMarked) marks.delete(row.name);
					else marks.add(row.name);
				}

				store.set({...selection, marks});
			},
			toggleMark() {
				const {selection, rows} = current();
				const name = rows[indexOf(selection, rows)]?.name;
				if (name === undefined) return;
				const marks = new Set(selection.marks);
				if (marks.has(name)) marks.delete(name);
				else marks.add(name);
				store.set({...selection, marks});
			},
			clearMarks() {
				store.update((selection) => ({...selection, marks: new Set()}));
			},
			markedNames() {
				const {selection, rows} = current();
				return markedIn(selection, rows);
			},
			targets() {
				const {selection, rows} = current();
				const marked = markedIn(selection, rows);
				if (marked.length > 0) return marked;
				const selected = rows[indexOf(selection, rows)];
				return selected ? [selected.name] : [];
			},
		};
	}, [store]);

	const selectedIndex = indexOf(selection, rows);
	const marked = useMemo(() => new Set(markedIn(selection, rows)), [selection, rows]);
	return {rows, selectedIndex, selected: rows[selectedIndex], marked, ...actions};
}
