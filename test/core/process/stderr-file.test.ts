import {existsSync, lstatSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {startChild} from '../../../source/core/process/child.js';
import {runInGroup, type GroupCommand} from '../../../source/core/process/run-in-group.js';
import {groupAlive, onCleanup, processRunning, tempDir, waitFor} from '../../harness/index.js';

/**
 * The runner's `stderrFile`: a program that redraws progress many times a second (git push
 * --progress) writes its stderr to a file we read a few times a second, not to a pipe that
 * wakes us on every write. Real sh processes; the kernel says where their fd 2 points.
 */

function sh(script: string, options: Partial<GroupCommand> = {}): Promise<Awaited<ReturnType<typeof runInGroup>>> {
	return runInGroup({file: '/bin/sh', args: ['-c', script], env: {PATH: process.env.PATH ?? '/usr/bin:/bin'}, maxBuffer: 1024 * 1024, timeoutMs: 60_000, ...options});
}

function killGroupLater(pidFile: string): void {
	onCleanup(() => {
		try {
			process.kill(-Number(readFileSync(pidFile, 'utf8').trim()), 'SIGKILL');
		} catch {
			// Gone already, or never written.
		}
	});
}

describe('runInGroup with stderrFile', () => {
	it('the program writes stderr to that new file; it comes back whole, chunk by chunk, and the file is gone after', async () => {
		const file = path.join(tempDir('rst-stderr-'), 'stderr-1');
		const chunks: string[] = [];
		const result = await sh('readlink /proc/$$/fd/2; echo first >&2; sleep 0.3; printf "second\\rthird\\n" >&2; exit 4', {stderrFile: file, onStderr: chunk => chunks.push(String(chunk))});
		expect(result).toMatchObject({exitCode: 4, stdout: `${file}\n`, stderr: 'first\nsecond\rthird\n', timedOut: false, stalled: false});
		expect(chunks.join('')).toBe('first\nsecond\rthird\n');
		// Read while it ran, not only at its end.
		expect(chunks.length).toBeGreaterThanOrEqual(2);
		expect(existsSync(file)).toBe(false);
	});

	it('a redraw every 10 ms reaches us in a few reads a second, not one read per redraw', async () => {
		const file = path.join(tempDir('rst-stderr-'), 'stderr-1');
		let reads = 0;
		// 100 redraws, each its own write(), spaced so that a pipe would deliver them one by one.
		const script = 'i=0; while [ $i -lt 100 ]; do printf "Writing objects: %d%% (%d/100)\\r" $i $i >&2; i=$((i+1)); sleep 0.01; done; echo done >&2';
		const started = performance.now();
		const result = await sh(script, {stderrFile: file, onStderr: () => reads++});
		const elapsedMs = performance.now() - started;
		expect(result.exitCode).toBe(0);
		expect(result.stderr).toMatch(/^Writing objects: 0% \(0\/100\)\rWriting objects: 1% /);
		expect(result.stderr.endsWith('Writing objects: 99% (99/100)\rdone\n')).toBe(true);
		// Read every 100 ms and once at the end, however long a loaded machine makes the loop take
		// (a pipe gives one read per write: 101).
		expect(reads, `${reads} reads for 101 writes in ${Math.round(elapsedMs)} ms`).toBeLessThanOrEqual(Math.ceil(elapsedMs / 100) + 2);
		expect(reads).toBeLessThan(50);
	});

	it('a program that keeps writing to it is alive; one that goes silent is stopped as stalled', async () => {
		const dir = tempDir('rst-stderr-');
		const alive = await sh('for i in 1 2 3 4 5 6 7 8 9 10; do echo "tick $i" >&2; sleep 0.1; done', {stderrFile: path.join(dir, 'alive'), stallTimeoutMs: 700});
		expect(alive).toMatchObject({exitCode: 0, stalled: false, timedOut: false});
		expect(alive.stderr).toContain('tick 10');

		const pidFile = path.join(dir, 'group.pid');
		killGroupLater(pidFile);
		const silent = await sh(`echo $$ > '${pidFile}'; echo started >&2; sleep 100`, {stderrFile: path.join(dir, 'silent'), stallTimeoutMs: 500});
		expect(silent).toMatchObject({timedOut: true, stalled: true, stderr: 'started\n'});
		expect(groupAlive(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
		expect(existsSync(path.join(dir, 'silent'))).toBe(false);
	});

	it('keeps at most maxBuffer of it: a flood is cut, its group killed and the file removed', async () => {
		const dir = tempDir('rst-stderr-');
		const file = path.join(dir, 'flood');
		const pidFile = path.join(dir, 'group.pid');
		killGroupLater(pidFile);
		// A finite flood (5 MB): a file holds back no writer, and `yes` would fill it at disk speed until the poll.
		const result = await sh(`echo $$ > '${pidFile}'; yes flood | head -c 5000000 >&2; sleep 100`, {stderrFile: file, maxBuffer: 10_000});
		expect(result.stderr.length).toBeLessThanOrEqual(10_000);
		expect(result.stderr.startsWith('flood\nflood\n')).toBe(true);
		expect(result.exitCode).toBeNull();
		await waitFor(() => !groupAlive(Number(readFileSync(pidFile, 'utf8'))), {message: 'the flooding group survived'});
		expect(existsSync(file)).toBe(false);
	});

	it('never takes over a file that is there (or a link): stderr then comes through a pipe, and that file is left alone', async () => {
		const dir = tempDir('rst-stderr-');
		const there = path.join(dir, 'there');
		writeFileSync(there, 'not yours\n');
		const result = await sh('readlink /proc/$$/fd/2; echo err >&2', {stderrFile: there});
		expect(result).toMatchObject({exitCode: 0, stderr: 'err\n'});
		// libuv's stdio pipes are socket pairs on Linux.
		expect(result.stdout).toMatch(/^(pipe|socket):\[/);
		expect(readFileSync(there, 'utf8')).toBe('not yours\n');

		const target = path.join(dir, 'target');
		writeFileSync(target, 'not yours either\n');
		const link = path.join(dir, 'link');
		symlinkSync(target, link);
		const linked = await sh('echo err >&2', {stderrFile: link});
		expect(linked).toMatchObject({exitCode: 0, stderr: 'err\n'});
		expect(readFileSync(target, 'utf8')).toBe('not yours either\n');
		expect(lstatSync(link).isSymbolicLink()).toBe(true);

		const missing = await sh('echo err >&2', {stderrFile: path.join(dir, 'no-such-dir', 'stderr')});
		expect(missing).toMatchObject({exitCode: 0, stderr: 'err\n'});
	});

	it('what a clean exit leaves of its group is ended with it: a hook\'s `job &` writing to stderr holds no pipe that would', async () => {
		const dir = tempDir('rst-stderr-');
		const jobPid = path.join(dir, 'job.pid');
		killGroupLater(path.join(dir, 'group.pid'));
		const result = await sh(`echo $$ > '${path.join(dir, 'group.pid')}'; sh -c 'echo $$ > "$1"; exec sleep 100' job '${jobPid}' >&2 & while [ ! -s '${jobPid}' ]; do :; done; echo ok`, {stderrFile: path.join(dir, 'stderr')});
		expect(result).toMatchObject({exitCode: 0, stdout: 'ok\n', timedOut: false});
		await waitFor(() => !processRunning(Number(readFileSync(jobPid, 'utf8'))), {message: 'the job left in the group outlived the run'});
	});

	it('readNow reads what is in the file at once, not at the next poll', async () => {
		const file = path.join(tempDir('rst-stderr-'), 'stderr');
		const seen: string[] = [];
		const started = startChild('/bin/sh', ['-c', 'echo alive >&2; exec sleep 100'], {
			env: {PATH: process.env.PATH ?? '/usr/bin:/bin'},
			maxBuffer: 1024,
			stderrFile: {path: file, everyMs: 600_000},
			onOutput: (_stream, chunk) => seen.push(String(chunk)),
			onOverflow: () => undefined,
		});
		onCleanup(() => {
			started.child.kill('SIGKILL');
		});
		await waitFor(() => existsSync(file) && statSync(file).size > 0, {message: 'the child never wrote'});
		expect(seen).toEqual([]);
		started.readNow();
		expect(seen).toEqual(['alive\n']);
		started.child.kill('SIGKILL');
		expect((await started.done).stderr).toBe('alive\n');
		expect(existsSync(file)).toBe(false);
	});

	it('a program that cannot start leaves no file behind', async () => {
		const file = path.join(tempDir('rst-stderr-'), 'stderr-1');
		const result = await sh('true', {cwd: '/nonexistent/rst-dir', stderrFile: file});
		expect(result.startError?.message).toMatch(/nonexistent/);
		expect(existsSync(file)).toBe(false);
	});
});
