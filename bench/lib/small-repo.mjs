import path from 'node:path';
import {git, initRepo, makeHistory} from './git.mjs';

/** A small work repo ("small-repo") with `remotes` local bare remotes, all in sync. */
export function smallRepo(box, {remotes = 2, commits = 50} = {}) {
	const {env} = box;
	const repo = initRepo(box.path('small-repo'), env);
	makeHistory(repo, env, {commits});
	for (let i = 1; i <= remotes; i++) {
		const bare = initRepo(box.path('remotes', `mirror${i}.git`), env, {bare: true});
		git(repo, env, ['remote', 'add', `mirror${i}`, bare]);
		git(repo, env, ['push', '-q', `mirror${i}`, 'main']);
	}
	return {repo, name: path.basename(repo)};
}

/** Quote for /bin/sh. */
export function shellQuote(value) {
	return `'${String(value).replaceAll("'", `'\\''`)}'`;
}
