import {timerMs} from '../timer-limit.js';

/**
 * "No answer for N s": a timer that every sign of life re-arms. git prints progress (with
 * `--progress`) at least once a second while objects move, so a fetch or push that stays
 * silent for `stallMs` is talking to a host that stopped answering, whatever its overall
 * timeout still allows.
 */
export type StallWatch = {
	/** Output arrived: the process is alive. */
	alive(): void;
	stop(): void;
};

export function watchForStall(stallMs: number, onStall: () => void): StallWatch {
	const timer = setTimeout(onStall, timerMs(stallMs));
	return {
		alive() {
			// refresh() restarts the countdown without allocating a timer per chunk of output.
			timer.refresh();
		},
		stop() {
			clearTimeout(timer);
		},
	};
}
