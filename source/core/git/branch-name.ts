/**
 * Whether a name from outside (a config's `branch_map`) is a branch name git accepts, by the
 * rules of `git check-ref-format --branch`, checked here before the name goes anywhere near a
 * refspec or an argv: `a:b` would be a second refspec, `-x` an option, `*` a glob, `@{-1}` the
 * previous branch. Returns why it is not one, or undefined when it is.
 */

// Control characters and DEL, space, and the characters git reserves for revision syntax.
const forbiddenCharacter = /[\u0000-\u0020\u007f~^:?*[\\]/u;

export function branchNameProblem(name: string): string | undefined {
	if (name.length === 0) return 'it is empty';
	if (name.startsWith('-')) return 'it begins with "-"';
	const bad = forbiddenCharacter.exec(name)?.[0];
	if (bad !== undefined) return `it holds ${/[\u0000-\u0020\u007f]/u.test(bad) ? 'a space or control character' : JSON.stringify(bad)}`;
	if (name.includes('..')) return 'it holds ".."';
	if (name.includes('@{')) return 'it holds "@{"';
	if (name === '@' || name === 'HEAD') return `"${name}" names a revision, not a branch`;
	if (name.startsWith('/') || name.endsWith('/') || name.includes('//')) return 'it begins or ends with "/" or holds "//"';
	if (name.endsWith('.')) return 'it ends with "."';
	for (const component of name.split('/')) {
		if (component.startsWith('.')) return 'a part of it begins with "."';
		if (component.endsWith('.lock')) return 'a part of it ends with ".lock"';
	}

	return undefined;
}
