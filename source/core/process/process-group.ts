import {setTimeout as delay} from 'node:timers/promises';
import {monotonicMs} from '../clock.js';

/**
 * Signalling a whole process group: the program we started leads it (it was spawned
 * detached), and everything it forked — git-remote-http, ssh, a `sleep` inside `sh -c` —
 * is in it unless it left on purpose (a daemon calls setsid).
 */

/**
 * Sends `signal` to every process of the group led by `pid`; false when the group is gone.
 * Never for a pid that is not a real child's: `-0` is our OWN group and `-1` every process
 * we may signal, so a missing or garbled pid must signal nothing.
 */
function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
	if (!Number.isSafeInteger(pid) || pid <= 1) return false;
	try {
		process.kill(-pid, signal);
		return true;
	} catch {
		return false; // ESRCH: nobody is left in the group.
	}
}

const pollMs = 20;

/**
 * Ends the group. With no grace, SIGKILL at once. With a grace, SIGTERM first (a VPN client
 * takes its routes down), then SIGKILL for whatever is still there when the grace is over —
 * a grandchild that ignores SIGTERM. Resolves once SIGKILL was sent or the group is gone.
 */
export async function endGroup(pid: number, graceMs: number): Promise<void> {
	if (graceMs <= 0 || !signalGroup(pid, 'SIGTERM')) {
		signalGroup(pid, 'SIGKILL');
		return;
	}

	const deadline = monotonicMs() + graceMs;
	// Zombies keep a group answering signal 0 (a container's init may never reap them): the
	// poll only shortens the wait; SIGKILL at the end is what guarantees the result.
	while (monotonicMs() < deadline) {
		await delay(Math.min(pollMs, Math.max(1, deadline - monotonicMs())));
		if (!signalGroup(pid, 0)) return;
	}

	signalGroup(pid, 'SIGKILL');
}

/** The groups one kind of caller has running, so a shutdown can end them all at once. */
export class LiveGroups {
	readonly #pids = new Set<number>();

	add(pid: number): void {
		this.#pids.add(pid);
	}

	delete(pid: number): void {
		this.#pids.delete(pid);
	}

	get size(): number {
		return this.#pids.size;
	}

	signalAll(signal: NodeJS.Signals): void {
		for (const pid of this.#pids) signalGroup(pid, signal);
	}
}
