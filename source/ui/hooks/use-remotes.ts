import {useCallback, useMemo, useState} from 'react';
import type {RemoteRow} from '../../core/snapshot.js';
import {useSnapshot} from './use-snapshot.js';

export type RemotesView = {
	rows: readonly RemoteRow[];
	selectedIndex: number;
	selected: RemoteRow | undefined;
	marked: ReadonlySet<string>;
	move(delta: number): void;
	toggleMark(): void;
	clearMarks(): void;
	/** What `p` and `f` act on: the marked remotes (in row order), else the selected one. */
	targets(): string[];
	/** The marked remotes in row order; empty when none is marked. */
	markedNames(): string[];
};

/**
 * Rows, cursor and marks. The cursor follows the remote by name, so rows reordering while work
 * runs never moves it to another remote; marks of remotes that vanished are ignored.
 */
export function useRemotes(): RemotesView {
	const {remotes: rows} = useSnapshot();
	const [cursor, setCursor] = useState<{name?: string; index: number}>({index: 0});
	const [marks, setMarks] = useState<ReadonlySet<string>>(new Set());

	const selectedIndex = useMemo(() => {
		const byName = cursor.name === undefined ? -1 : rows.findIndex((row) => row.name === cursor.name);
		if (byName >= 0) return byName;
		return Math.min(Math.max(0, cursor.index), Math.max(0, rows.length - 1));
	}, [rows, cursor]);
	const selected = rows[selectedIndex];

	const marked = useMemo(() => new Set(rows.filter((row) => marks.has(row.name)).map((row) => row.name)), [rows, marks]);

	const move = useCallback(
		(delta: number) => {
			if (rows.length === 0) return;
			const index = Math.min(rows.length - 1, Math.max(0, selectedIndex + delta));
			setCursor({name: rows[index]?.name, index});
		},
		[rows, selectedIndex],
	);

	const toggleMark = useCallback(() => {
		const name = selected?.name;
		if (name === undefined) return;
		setMarks((previous) => {
			const next = new Set(previous);
			if (next.has(name)) next.delete(name);
			else next.add(name);
			return next;
		});
	}, [selected]);

	const clearMarks = useCallback(() => setMarks(new Set()), []);

	const markedNames = useCallback(() => rows.filter((row) => marked.has(row.name)).map((row) => row.name), [rows, marked]);

	const targets = useCallback(() => {
		const names = markedNames();
		if (names.length > 0) return names;
		return selected ? [selected.name] : [];
	}, [markedNames, selected]);

	return {rows, selectedIndex, selected, marked, move, toggleMark, clearMarks, targets, markedNames};
}
