import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {throttleStore, type ExternalStore} from '../../source/ui/hooks/throttled-store.js';

/** A counter store: every `set` is a new value and a change notice, like the engine's snapshot. */
function counterStore(): ExternalStore<{n: number}> & {set(n: number): void; listeners(): number} {
	let value = {n: 0};
	const listeners = new Set<() => void>();
	return {
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		getSnapshot: () => value,
		set(n) {
			value = {n};
			for (const listener of [...listeners]) listener();
		},
		listeners: () => listeners.size,
	};
}

describe('throttled store (renders bounded under a progress flood)', () => {
	beforeEach(() => {
		// Only timers and the clock: faking setImmediate stalls React 19 (STYLE.md pitfalls).
		vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'Date']});
	});

	afterEach(() => {
		vi.useRealTimers();
	});

	it('publishes the first change at once (keys feel instant)', () => {
		const source = counterStore();
		const store = throttleStore(source, 80);
		const notices = vi.fn();
		store.subscribe(notices);
		source.set(1);
		expect(notices).toHaveBeenCalledTimes(1);
		expect(store.getSnapshot()).toEqual({n: 1});
	});

	it('turns 100 changes over 500 ms into at most one notice per 80 ms, ending on the final state', () => {
		const source = counterStore();
		const store = throttleStore(source, 80);
		const seen: number[] = [];
		store.subscribe(() => seen.push(store.getSnapshot().n));
		for (let n = 1; n <= 100; n++) {
			source.set(n);
			vi.advanceTimersByTime(5);
		}

		vi.advanceTimersByTime(200);
		// 500 ms / 80 ms ≈ 6.25 windows: a leading notice plus one per window.
		expect(seen.length).toBeGreaterThanOrEqual(2);
		expect(seen.length).toBeLessThanOrEqual(8);
		expect(seen.at(-1)).toBe(100);
		expect(store.getSnapshot()).toEqual({n: 100});
	});

	it('delivers the trailing change even when nothing changes afterwards', () => {
		const source = counterStore();
		const store = throttleStore(source, 80);
		const notices = vi.fn();
		store.subscribe(notices);
		source.set(1);
		source.set(2);
		source.set(3);
		expect(store.getSnapshot()).toEqual({n: 1});
		vi.advanceTimersByTime(79);
		expect(store.getSnapshot()).toEqual({n: 1});
		vi.advanceTimersByTime(1);
		expect(store.getSnapshot()).toEqual({n: 3});
		expect(notices).toHaveBeenCalledTimes(2);
	});

	it('keeps getSnapshot stable between notices (React requires it)', () => {
		const source = counterStore();
		const store = throttleStore(source, 80);
		store.subscribe(() => {});
		source.set(1);
		source.set(2);
		expect(store.getSnapshot()).toBe(store.getSnapshot());
	});

	it('passes every change through when the interval is 0', () => {
		const source = counterStore();
		const store = throttleStore(source, 0);
		const notices = vi.fn();
		store.subscribe(notices);
		for (let n = 1; n <= 100; n++) source.set(n);
		expect(notices).toHaveBeenCalledTimes(100);
	});

	it('lets go of the source and its timer when the last listener leaves', () => {
		const source = counterStore();
		const store = throttleStore(source, 80);
		const notices = vi.fn();
		const unsubscribe = store.subscribe(notices);
		source.set(1);
		source.set(2);
		unsubscribe();
		expect(source.listeners()).toBe(0);
		vi.advanceTimersByTime(200);
		expect(notices).toHaveBeenCalledTimes(1);
		// Unobserved, it reads through to the source.
		source.set(5);
		expect(store.getSnapshot()).toEqual({n: 5});
	});
});
