import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {timed} from './proc.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bins = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).bin;
/** The built headless bin, as package.json names it. */
export const cliPath = path.join(repoRoot, bins['remote-sync']);

/** The built CLI, or one clear message saying how to build it. */
export function requireBuiltCli() {
	if (!fs.existsSync(cliPath)) throw new Error(`${path.relative(process.cwd(), cliPath)} is missing: build first (npm run build, or run npm run bench)`);
	return cliPath;
}

/** `node <headless bin> ...args` in `cwd`, timed; the shell would add nothing but noise. */
export function runTool(cwd, env, args, options = {}) {
	return timed(process.execPath, [requireBuiltCli(), ...args], {cwd, env, ...options});
}

export function writeConfig(repo, config) {
	fs.writeFileSync(path.join(repo, '.remotesyncrc.json'), `${JSON.stringify(config, null, 2)}\n`);
}

/** What the figures were measured on, for results.json and the README. */
export function machineFacts() {
	const version = command => {
		try {
			return execFileSync(command[0], command.slice(1), {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim().split('\n')[0];
		} catch {
			return 'unknown';
		}
	};
	return {
		date: new Date().toISOString(),
		cpus: os.cpus().length,
		cpuModel: os.cpus()[0]?.model ?? 'unknown',
		memoryGiB: Math.round(os.totalmem() / 2 ** 30),
		loadAverage: os.loadavg().map(l => Math.round(l * 100) / 100),
		node: process.version,
		git: version(['git', '--version']),
		tmux: version(['tmux', '-V']),
		platform: `${os.type()} ${os.release()}`,
	};
}
