import {flagTable, kebab, longFlagSpellings} from './flag-table.js';
import {completeVerb, completionShells, infoVerbs, setupVerbs, type CompleteKind, type CompletionShell} from './flags.js';

/**
 * `remote-sync completion bash|zsh|fish`: a script generated from the flag table, so every
 * flag the parser takes completes. Remote names, groups and branches are the repository's:
 * the script asks the program (`remote-sync __complete remotes`) at the moment of the TAB,
 * in the directory the user is in. That call reads config and refs only, never the network.
 */

const programs = ['remote-sync', 'remote-sync-tui'] as const;
const verbs = [...setupVerbs, ...infoVerbs];

function valueFlags(kind: CompleteKind | 'files' | 'directories'): string[] {
	return flagTable.filter(flag => flag.values === kind).flatMap(flag => [`--${kebab(flag.name)}`, ...(flag.shortFlag ? [`-${flag.shortFlag}`] : [])]);
}

function bash(): string {
	const words = [...longFlagSpellings(), '-h'].join(' ');
	const cases = (['remotes', 'groups', 'branches'] as const)
		.map(kind => `\t\t${valueFlags(kind).join('|')})\n\t\t\tCOMPREPLY=($(compgen -W "$("\${COMP_WORDS[0]}" ${completeVerb} ${kind} 2>/dev/null)" -- "$cur")); return ;;`)
		.join('\n');
	return `# remote-sync bash completion: source <(remote-sync completion bash)
_remote_sync() {
	local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
	COMPREPLY=()
	case "$prev" in
${cases}
		${valueFlags('files').join('|')})
			COMPREPLY=($(compgen -f -- "$cur")); return ;;
		${valueFlags('directories').join('|')})
			COMPREPLY=($(compgen -d -- "$cur")); return ;;
		completion)
			COMPREPLY=($(compgen -W "${completionShells.join(' ')}" -- "$cur")); return ;;
		help)
			COMPREPLY=($(compgen -W "${verbs.filter(verb => verb !== 'help').join(' ')}" -- "$cur")); return ;;
	esac
	if [[ "$cur" == -* ]]; then
		COMPREPLY=($(compgen -W "${words}" -- "$cur"))
	elif [[ $COMP_CWORD -eq 1 ]]; then
		COMPREPLY=($(compgen -W "${verbs.join(' ')}" -- "$cur"))
	fi
}
complete -F _remote_sync ${programs.join(' ')}
`;
}

function zsh(): string {
	// zsh runs bash completion functions through bashcompinit: one script, one truth.
	return `# remote-sync zsh completion: source <(remote-sync completion zsh)  (after compinit)
autoload -U +X bashcompinit && bashcompinit
${bash()}`;
}

function fish(): string {
	const lines: string[] = ['# remote-sync fish completion: remote-sync completion fish | source'];
	for (const program of programs) {
		lines.push(`complete -c ${program} -f`);
		lines.push(`complete -c ${program} -n '__fish_use_subcommand' -a '${verbs.join(' ')}'`);
		lines.push(`complete -c ${program} -n '__fish_seen_subcommand_from completion' -a '${completionShells.join(' ')}'`);
		for (const flag of flagTable) {
			const long = kebab(flag.name);
			const short = flag.shortFlag ? ` -s ${flag.shortFlag}` : '';
			const names = flag.negatable ? [long, `no-${long}`] : [long];
			for (const name of names) {
				const value =
					flag.values === 'files'
						? ' -r -F'
						: flag.values === 'directories'
							? " -r -a '(__fish_complete_directories)'"
							: flag.values
								? ` -r -a '(${program} ${completeVerb} ${flag.values} 2>/dev/null)'`
								: '';
				lines.push(`complete -c ${program} -l ${name}${name === long ? short : ''}${value}`);
			}
		}
	}

	return `${lines.join('\n')}\n`;
}

export function completionScript(shell: CompletionShell): string {
	switch (shell) {
		case 'bash':
			return bash();
		case 'zsh':
			return zsh();
		case 'fish':
			return fish();
	}
}
