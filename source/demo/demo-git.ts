import {randomBytes} from 'node:crypto';
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {localGit} from '../setup/local-git.js';

/** Builds the demo's repositories: local git only (paths, no network), through simple-git. */
const identity = ['-c', 'user.name=Demo', '-c', 'user.email=demo@example.invalid', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false'];

export async function git(cwd: string, ...args: string[]): Promise<string> {
	try {
		return (await localGit(cwd).raw([...identity, ...args])).trim();
	} catch (error) {
		throw new Error(`demo setup failed: git ${args.join(' ')}: ${error instanceof Error ? error.message.trim() : String(error)}`);
	}
}

let fileCounter = 0;

/** A commit with a readable subject; `bytes` of incompressible data makes push progress visible. */
export async function commit(repo: string, subject: string, bytes = 0): Promise<string> {
	fileCounter++;
	const file = bytes > 0 ? `assets/blob-${fileCounter}.bin` : `notes/${fileCounter}.md`;
	const content = bytes > 0 ? randomBytes(bytes) : `# ${subject}\n`;
	await git(repo, 'rev-parse', '--git-dir');
	const full = path.join(repo, file);
	mkdirSync(path.dirname(full), {recursive: true});
	writeFileSync(full, content);
	await git(repo, 'add', '--', file);
	await git(repo, 'commit', '-q', '-m', subject);
	return git(repo, 'rev-parse', 'HEAD');
}
