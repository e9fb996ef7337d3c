import {execFileSync} from 'node:child_process';
import fs from 'node:fs';

let ticksPerSecond;

/** CPU time (user + system, ms) a process used so far, from /proc/<pid>/stat; its children excluded. */
export function cpuMs(pid) {
	ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).trim()) || 100;
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	// Fields after the command name (which may hold spaces) start at ") "; utime and stime are 14 and 15.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

/** A field of /proc/<pid>/status in KiB (VmHWM: peak resident set; VmRSS: current). */
export function statusKiB(pid, field) {
	const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
	return match ? Number(match[1]) : undefined;
}

/** The executable a process runs (its title may say otherwise: the app renames itself). */
export function executable(pid) {
	try {
		return fs.realpathSync(`/proc/${pid}/exe`);
	} catch {
		return undefined;
	}
}
