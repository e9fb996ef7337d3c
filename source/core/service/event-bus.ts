import type {SyncEvent} from '../events.js';

/** A typed, synchronous event stream. Listener errors never break the engine. */
export class EventBus {
	private readonly listeners = new Set<(event: SyncEvent) => void>();

	on(listener: (event: SyncEvent) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	emit(event: SyncEvent): void {
		for (const listener of this.listeners) {
			try {
				listener(event);
			} catch {
				// A reporter or UI bug must not stop a push half-way.
			}
		}
	}
}
