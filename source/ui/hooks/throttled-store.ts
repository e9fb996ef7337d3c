/**
 * The subscribe/getSnapshot pair React's useSyncExternalStore reads, throttled: however many
 * times the source changes, listeners hear about it at most once per `intervalMs`. The first
 * change after a quiet spell is published at once (keys feel instant); later ones coalesce into
 * one trailing publish that always carries the newest snapshot, so the final state is never lost.
 *
 * A push progress flood (dozens of `phase` events per second per remote) then costs a bounded
 * number of renders and bytes on a slow terminal.
 */

export type ExternalStore<T> = {
	subscribe(listener: () => void): () => void;
	getSnapshot(): T;
};

export function throttleStore<T>(source: ExternalStore<T>, intervalMs: number): ExternalStore<T> {
	const listeners = new Set<() => void>();
	let published = source.getSnapshot();
	let lastPublishAt = Number.NEGATIVE_INFINITY;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let unsubscribeSource: (() => void) | undefined;

	const publish = (): void => {
		timer = undefined;
		lastPublishAt = Date.now();
		const next = source.getSnapshot();
		if (Object.is(next, published)) return;
		published = next;
		for (const listener of [...listeners]) listener();
	};

	const onSourceChange = (): void => {
		if (intervalMs <= 0) {
			publish();
			return;
		}

		// A trailing publish is already due; it reads the newest snapshot when it fires.
		if (timer !== undefined) return;
		const wait = lastPublishAt + intervalMs - Date.now();
		if (wait <= 0) publish();
		else timer = setTimeout(publish, wait);
	};

	const stop = (): void => {
		unsubscribeSource?.();
		unsubscribeSource = undefined;
		if (timer !== undefined) clearTimeout(timer);
		timer = undefined;
	};

	return {
		subscribe(listener) {
			listeners.add(listener);
			if (!unsubscribeSource) {
				unsubscribeSource = source.subscribe(onSourceChange);
				// Changes made while nobody listened: React compares after subscribing and re-renders.
				published = source.getSnapshot();
			}

			return () => {
				listeners.delete(listener);
				if (listeners.size === 0) stop();
			};
		},
		getSnapshot() {
			// Unobserved, there is nothing to throttle: always answer with the source's value.
			if (!unsubscribeSource) published = source.getSnapshot();
			return published;
		},
	};
}
