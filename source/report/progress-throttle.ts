import type {PushPhase} from '../core/model.js';

/**
 * Which progress updates a headless reporter prints. git reports progress many times a
 * second; a log wants far fewer lines. Per operation, an update is printed once `intervalMs`
 * passed since that operation's last printed one — or at once when it enters a new phase,
 * if `phaseChangesPass` (the `--events` stream); a CI log stays calm and drops those too.
 */
export type ThrottleVerdict = 'phase' | 'progress' | undefined;

export class ProgressThrottle {
	private readonly last = new Map<string, {phase: PushPhase; at: number}>();

	constructor(
		private readonly options: {intervalMs: number; phaseChangesPass: boolean},
		private readonly now: () => number = Date.now,
	) {}

	/** 'phase' (a new phase, print it), 'progress' (same phase, due) or undefined (drop it). */
	admit(operation: string, phase: PushPhase): ThrottleVerdict {
		const now = this.now();
		const last = this.last.get(operation);
		const changed = last?.phase !== phase;
		const due = last === undefined || now - last.at >= this.options.intervalMs;
		if (!due && !(changed && this.options.phaseChangesPass)) return undefined;
		this.last.set(operation, {phase, at: now});
		return changed ? 'phase' : 'progress';
	}

	/** The operation ended: its entry is not needed any more. */
	forget(operation: string): void {
		this.last.delete(operation);
	}
}
