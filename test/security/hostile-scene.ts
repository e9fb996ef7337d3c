import {addPreReceiveHook, commit, git, makeBare, makeRepo} from '../harness/index.js';

/**
 * A repository whose remotes talk back with terminal escapes: pre-receive hooks that write the
 * clipboard (OSC 52), set the window title, clear the screen, paint a fake "✔ pushed" summary
 * with cursor moves, and send 8-bit C1 controls (raw and UTF-8). One remote and the current
 * branch carry names with a C1 CSI and a bidi override. The words in `words` must still reach
 * the user; no escape may.
 */

export type HostileScene = {repo: string; branch: string; words: string[]};

// printf(1) octal escapes: \033 ESC, \007 BEL, \302\233 = U+009B (C1 CSI), \233 a raw 8-bit CSI.
const junk = [
	String.raw`printf 'remote words one \033]52;c;ZWNobyBvd25lZA==\007 after clipboard\n' >&2`,
	String.raw`printf '\033]0;OWNED TITLE\033\\ words two after title\n' >&2`,
	String.raw`printf '\033[2J\033[H words three after clear\n' >&2`,
	String.raw`printf '\033[3A\033[2K\033[32m\342\234\224 pushed to every remote\033[0m\033[10;1H\n' >&2`,
	String.raw`printf 'c1 \302\2332J words four \302\235 0;t2\302\234 raw \2332J end\n' >&2`,
	String.raw`printf '\033P1$r0m\033\\ dcs gone \033_apc\033\\ words five\n' >&2`,
].join('\n');

export function hostileScene(): HostileScene {
	const repo = makeRepo();
	commit(repo, 'first');
	const loud = makeBare();
	const refusing = makeBare();
	addPreReceiveHook(loud, `cat >/dev/null\n${junk}\nexit 0`);
	addPreReceiveHook(refusing, `cat >/dev/null\n${junk}\nexit 1`);
	git(repo, 'remote', 'add', 'loud', loud);
	git(repo, 'remote', 'add', 'no\u009B2Jpe', refusing);
	const branch = 'topic\u202Egnp.exe';
	git(repo, 'checkout', '-q', '-b', branch);
	commit(repo, 'work on the topic');
	return {
		repo,
		branch,
		words: ['words one', 'after clipboard', 'words two after title', 'words three after clear', 'pushed to every remote', 'words four', 'words five'],
	};
}

/** Any byte a terminal acts on: ESC and the other C0 controls but \t and \n, DEL, C1. */
export const terminalControl = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

/** Every string in a parsed JSON document. */
export function stringsOf(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.flatMap(stringsOf);
	if (value && typeof value === 'object') return [...Object.keys(value), ...Object.values(value).flatMap(stringsOf)];
	return [];
}
