import {readdirSync, readFileSync} from 'node:fs';

/** Live (not zombie) processes whose command line contains `marker`, from Linux /proc. */
export function processesMentioning(marker: string): number[] {
	const found: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
		try {
			const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
			if (cmdline.includes(marker) && state !== 'Z' && state !== 'X') found.push(Number(entry));
		} catch {
			// Gone while we looked.
		}
	}

	return found;
}
