import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {LiveGroups} from '../../../source/core/process/process-group.js';
import {runInGroup, type GroupCommand} from '../../../source/core/process/run-in-group.js';
import {groupAlive, onCleanup, processRunning, tempDir, waitFor} from '../../harness/index.js';

/**
 * The one process runner, against real processes: sh scripts write the pids they start to
 * files, and the test checks the kernel's view of them (/proc), never the runner's word.
 */

type Scene = {dir: string; pidFile: (name: string) => string; pid: (name: string) => number};

function scene(): Scene {
	const dir = tempDir('rst-group-');
	const pidFile = (name: string) => path.join(dir, `${name}.pid`);
	// A file the script had no time to fill is no pid: Number('') is 0, and -0 is the test runner's own group.
	const pid = (name: string) => {
		const value = Number(readFileSync(pidFile(name), 'utf8').trim());
		if (!Number.isSafeInteger(value) || value <= 1) throw new Error(`${name}.pid holds no pid`);
		return value;
	};
	// Whatever a failing test left running goes: every script writes its group's leader as "group".
	onCleanup(() => {
		if (!existsSync(pidFile('group'))) return;
		try {
			process.kill(-pid('group'), 'SIGKILL');
		} catch {
			// Gone already, or never written.
		}
	});
	return {dir, pidFile, pid};
}

function sh(script: string, options: Partial<GroupCommand> = {}): Promise<Awaited<ReturnType<typeof runInGroup>>> {
	return runInGroup({file: '/bin/sh', args: ['-c', script], env: {PATH: process.env.PATH ?? '/usr/bin:/bin'}, maxBuffer: 1024 * 1024, ...options});
}

describe('runInGroup: one program in a process group of its own', () => {
	it('captures output and the exit code, with stdin closed', async () => {
		const result = await sh('cat; echo out; echo err >&2; exit 3');
		expect(result).toMatchObject({exitCode: 3, stdout: 'out\n', stderr: 'err\n', timedOut: false, stalled: false, aborted: false});
		expect(result.startError).toBeUndefined();
	});

	it('writes `input` to stdin when given', async () => {
		expect(await sh('cat', {input: 'in\n'})).toMatchObject({exitCode: 0, stdout: 'in\n'});
	});

	it('leads a new process group', async () => {
		const {stdout} = await sh('echo "$$ $(ps -o pgid= -p $$)"');
		const [pid, pgid] = stdout.trim().split(/\s+/).map(Number);
		expect(pgid).toBe(pid);
		expect(pgid).not.toBe(Number(readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ')[2]));
	});

	it('on timeout, kills the whole group: a child of the shell dies too', async () => {
		const s = scene();
		const result = await sh(`echo $$ > '${s.pidFile('group')}'; sleep 100 & echo $! > '${s.pidFile('child')}'; wait`, {timeoutMs: 500});
		expect(result).toMatchObject({timedOut: true, stalled: false, aborted: false, exitCode: null});
		await waitFor(() => !processRunning(s.pid('child')), {message: 'the sleep outlived the timeout'});
		expect(groupAlive(s.pid('group'))).toBe(false);
	});

	it('on abort, kills the whole group', async () => {
		const s = scene();
		const controller = new AbortController();
		const run = sh(`echo $$ > '${s.pidFile('group')}'; sleep 100 & echo $! > '${s.pidFile('child')}'; wait`, {signal: controller.signal, timeoutMs: 60_000});
		await waitFor(() => existsSync(s.pidFile('child')) && readFileSync(s.pidFile('child'), 'utf8').endsWith('\n'), {timeoutMs: 20_000, message: 'the sleep never started'});
		controller.abort();
		expect(await run).toMatchObject({aborted: true, timedOut: false, exitCode: null});
		await waitFor(() => !processRunning(s.pid('child')), {message: 'the sleep outlived the abort'});
	});

	it('an abort that came before the start kills at once', async () => {
		const s = scene();
		const result = await sh(`echo $$ > '${s.pidFile('group')}'; sleep 100`, {signal: AbortSignal.abort(), timeoutMs: 60_000});
		expect(result).toMatchObject({aborted: true, exitCode: null});
	});

	it('on silence for stallTimeoutMs, kills the group and says it stalled', async () => {
		const s = scene();
		const result = await sh(`echo $$ > '${s.pidFile('group')}'; echo started; sleep 100`, {stallTimeoutMs: 500, timeoutMs: 60_000});
		expect(result).toMatchObject({timedOut: true, stalled: true, stdout: 'started\n'});
		expect(groupAlive(s.pid('group'))).toBe(false);
	});

	it('with a grace, sends SIGTERM first: a child that handles it gets to clean up', async () => {
		const s = scene();
		const cleaned = path.join(s.dir, 'cleaned');
		const script = `echo $$ > '${s.pidFile('group')}'; sh -c "trap 'touch ${cleaned}; exit 0' TERM; echo \\$\\$ > '${s.pidFile('child')}'; while :; do sleep 0.05; done" & wait`;
		const controller = new AbortController();
		const run = sh(script, {signal: controller.signal, killGraceMs: 5000, timeoutMs: 60_000});
		await waitFor(() => existsSync(s.pidFile('child')), {timeoutMs: 20_000, message: 'the child never started'});
		controller.abort();
		expect(await run).toMatchObject({aborted: true});
		await waitFor(() => existsSync(cleaned), {message: 'the child never saw SIGTERM'});
	});

	it('without a grace, SIGKILL at once: no cleanup runs', async () => {
		const s = scene();
		const cleaned = path.join(s.dir, 'cleaned');
		const script = `echo $$ > '${s.pidFile('group')}'; sh -c "trap 'touch ${cleaned}; exit 0' TERM; echo \\$\\$ > '${s.pidFile('child')}'; while :; do sleep 0.05; done" & wait`;
		const controller = new AbortController();
		const run = sh(script, {signal: controller.signal, timeoutMs: 60_000});
		await waitFor(() => existsSync(s.pidFile('child')), {timeoutMs: 20_000, message: 'the child never started'});
		controller.abort();
		await run;
		await waitFor(() => !processRunning(s.pid('child')), {message: 'the child outlived SIGKILL'});
		expect(existsSync(cleaned)).toBe(false);
	});

	it('with a grace, a grandchild that ignores SIGTERM is killed once the grace is over', async () => {
		const s = scene();
		const script = `echo $$ > '${s.pidFile('group')}'; (trap '' TERM; exec sleep 100) >/dev/null 2>&1 & echo $! > '${s.pidFile('stubborn')}'; wait`;
		const result = await sh(script, {timeoutMs: 500, killGraceMs: 300});
		expect(result).toMatchObject({timedOut: true, exitCode: null});
		// The run resolves only after SIGKILL went out: nothing of the group is left.
		await waitFor(() => !processRunning(s.pid('stubborn')), {message: 'the grandchild ignoring SIGTERM survived the grace'});
		expect(groupAlive(s.pid('group'))).toBe(false);
	});

	it('a program killed by a signal not ours takes its group with it', async () => {
		const s = scene();
		const result = await sh(`echo $$ > '${s.pidFile('group')}'; sleep 100 >/dev/null 2>&1 & echo $! > '${s.pidFile('child')}'; kill -KILL $$`);
		expect(result).toMatchObject({exitCode: null, timedOut: false, aborted: false});
		expect(result.startError).toBeUndefined();
		await waitFor(() => !processRunning(s.pid('child')), {message: 'the orphan of a killed leader survived'});
	});

	it('keeps at most maxBuffer of output: a flood is cut and its group killed', async () => {
		const s = scene();
		const result = await sh(`echo $$ > '${s.pidFile('group')}'; yes flood`, {maxBuffer: 10_000, timeoutMs: 60_000});
		expect(result.stdout.length).toBeLessThanOrEqual(10_000);
		expect(result.stdout.startsWith('flood\n')).toBe(true);
		expect(result.timedOut).toBe(false);
		await waitFor(() => !groupAlive(s.pid('group')), {message: 'the flooding group survived'});
	});

	it('a daemon left by a clean exit survives when the caller allows it, and holds up nothing', async () => {
		const s = scene();
		const result = await sh(`echo $$ > '${s.pidFile('group')}'; sleep 100 & echo $! > '${s.pidFile('daemon')}'; echo connected`, {timeoutMs: 20_000, killGraceMs: 500, daemonMayOutlive: true});
		expect(result).toMatchObject({exitCode: 0, timedOut: false, aborted: false, stdout: 'connected\n'});
		expect(processRunning(s.pid('daemon'))).toBe(true);
	});

	it('without that, a child still holding the pipes is part of the run: the deadline ends it', async () => {
		const s = scene();
		const result = await sh(`echo $$ > '${s.pidFile('group')}'; sleep 100 & echo $! > '${s.pidFile('child')}'; exit 0`, {timeoutMs: 1000});
		expect(result.timedOut).toBe(true);
		await waitFor(() => !processRunning(s.pid('child')), {message: 'the child holding the pipes survived the deadline'});
	});

	it('remembers running groups in `live`: a shutdown ends them all', async () => {
		const s = scene();
		const live = new LiveGroups();
		const run = sh(`echo $$ > '${s.pidFile('group')}'; sleep 100 & wait`, {live, timeoutMs: 60_000});
		expect(live.size).toBe(1);
		await waitFor(() => existsSync(s.pidFile('group')), {timeoutMs: 20_000, message: 'the shell never started'});
		live.signalAll('SIGKILL');
		expect(await run).toMatchObject({exitCode: null});
		expect(live.size).toBe(0);
		await waitFor(() => !groupAlive(s.pid('group')), {message: 'the group survived signalAll'});
	});

	it('with selfDeadline, the group is led by a deadline of its own (it holds if we are SIGKILLed)', async () => {
		const result = await sh('tr "\\0" " " < /proc/$PPID/cmdline', {timeoutMs: 30_000, selfDeadline: true});
		expect(result.exitCode).toBe(0);
		// coreutils timeout with the deadline past ours, or the sh watchdog where it is missing.
		expect(result.stdout).toMatch(/^(\S*timeout -s KILL 35 \/bin\/sh|\/bin\/sh -c .*kill -KILL 0.* 35 \/bin\/sh) -c /);
	});

	it('a program that does not exist is a startError ENOENT, bare or under its deadline', async () => {
		const env = {PATH: process.env.PATH ?? '/usr/bin:/bin'};
		for (const selfDeadline of [false, true]) {
			const result = await runInGroup({file: 'rst-no-such-program', args: [], env, maxBuffer: 1024, timeoutMs: 30_000, selfDeadline});
			expect(result.startError, `selfDeadline ${selfDeadline}`).toMatchObject({code: 'ENOENT'});
			expect(result.exitCode).toBeNull();
		}
	});

	it('never throws: a directory that does not exist is a startError', async () => {
		const result = await sh('true', {cwd: '/nonexistent/rst-dir'});
		expect(result.startError?.message).toMatch(/nonexistent/);
	});
});
