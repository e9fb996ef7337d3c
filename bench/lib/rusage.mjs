import fs from 'node:fs';
import {statusKiB} from './proc-stats.mjs';
import {timed} from './proc.mjs';

export const gnuTime = '/usr/bin/time';
const marker = 'BENCH-RUSAGE';

/**
 * Run a command to completion and report its wall time, CPU time (user + system) and peak RSS.
 * With GNU time the figures are the kernel's (rusage of the process and the children it waited
 * for: the largest RSS among them, the sum of CPU). Without it, peak RSS comes from polling
 * VmHWM of the process itself and CPU time is unknown.
 */
export async function runWithUsage(command, args, options = {}) {
	if (fs.existsSync(gnuTime)) {
		const result = await timed(gnuTime, ['-f', `${marker} %U %S %M`, command, ...args], options);
		const lines = result.stderr.trimEnd().split('\n');
		const usage = lines.findLast(line => line.startsWith(marker));
		if (!usage) throw new Error(`${gnuTime} printed no usage for ${command} ${args.join(' ')}: ${result.stderr.slice(-500)}`);
		const [, user, system, rss] = usage.split(' ');
		// GNU time reports "Command exited with non-zero status N" on stderr too: drop both lines.
		const stderr = lines.filter(line => !line.startsWith(marker) && !line.startsWith('Command exited with non-zero status')).join('\n');
		return {...result, stderr, cpuMs: (Number(user) + Number(system)) * 1000, peakRssKiB: Number(rss), how: `${gnuTime}`};
	}

	let peak = 0;
	let pid;
	const poll = setInterval(() => {
		try {
			if (pid) peak = Math.max(peak, statusKiB(pid, 'VmHWM') ?? 0);
		} catch {
			// exited between two readings
		}
	}, 5);
	try {
		const result = await timed(command, args, {...options, onSpawn: spawned => (pid = spawned)});
		return {...result, cpuMs: undefined, peakRssKiB: peak, how: 'polling VmHWM'};
	} finally {
		clearInterval(poll);
	}
}
