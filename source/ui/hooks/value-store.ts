import {useState, useSyncExternalStore} from 'react';

/**
 * A value that key handlers change and read synchronously. React state is only read back after
 * the next render, so two keys arriving in one tick ("jj", "j" then "p", "y" twice) would act on
 * a stale value; here the second key sees what the first one did, and React re-renders after.
 */
export type ValueStore<T> = {
	get(): T;
	set(next: T): void;
	update(change: (current: T) => T): void;
	subscribe(listener: () => void): () => void;
};

export function createValueStore<T>(initial: T): ValueStore<T> {
	let value = initial;
	const listeners = new Set<() => void>();
	const set = (next: T): void => {
		if (Object.is(next, value)) return;
		value = next;
		for (const listener of [...listeners]) listener();
	};

	return {
		get: () => value,
		set,
		update: (change) => set(change(value)),
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
	};
}

/** A store owned by one component, and its current value. */
export function useValueStore<T>(initial: () => T): [T, ValueStore<T>] {
	const [store] = useState(() => createValueStore(initial()));
	const value = useSyncExternalStore(store.subscribe, store.get);
	return [value, store];
}
