export const helpText = `
  Keep every git remote of a repository in sync — live dashboard or headless.

  Usage
    $ remote-sync-tui                 full-screen dashboard (needs a terminal)
    $ remote-sync [action] [options]  headless; no action prints the status
    $ remote-sync <init|trust|install-hook|uninstall-hook|completion>
    $ remote-sync help [command]      help of one command

  Actions (one at a time)
    --status            sync state of the branch on every remote
    --push              push the branch to every remote that takes it
    --push-all          push every local branch some remote's "branches" take
    --fetch             fetch every remote (in parallel)
    --health-check      probe every remote: reachable, latency, failure class
    --show-queue        list pushes waiting in the offline queue
    --process-queue     retry queued pushes
    --clear-queue       remove queued pushes (with --remote/--branch: only those)
    --import-legacy-queue  import the old tool's .remote-sync-queue.json (review it first)
    --tui               open the dashboard (same as remote-sync-tui)
    --demo              open the dashboard on a throw-away sandbox of real remotes

  Options
    --remote, -r NAMES  only these remotes (comma-separated and/or repeated)
    --group, -g NAME    only the remotes of this group
    --branch, -b NAME   branch to use (default: the current branch)
    --force             let force_push "warn" remotes force (never "block" ones)
    --dry-run, -n       say what would happen; change nothing
    --no-parallel       one remote at a time, by priority
    --no-fetch          status from remote-tracking refs only (instant, offline)
    --json              one JSON document on stdout
    --events            one JSON line per event on stdout as it happens, the
                        --json document in the last line (not with --json)
    --config, -c PATH   use this config file
    --cwd PATH          run as if started in PATH
    --verbose, -v       more detail (git's output, each command)
    --quiet, -q         print only errors
    --no-color, --color no colours / colours even when piped (NO_COLOR, FORCE_COLOR=0..3)
    --pre-push, --post-commit   which hook (install-hook, uninstall-hook)
    --help, -h, --version   this help (help <command>: one command's) / the version

  Environment
    REMOTE_SYNC_PARALLEL, REMOTE_SYNC_OFFLINE_QUEUE, REMOTE_SYNC_MAX_WORKERS,
    REMOTE_SYNC_DRY_RUN, REMOTE_SYNC_VERBOSE   (booleans: true/false/1/0/yes/no)
    CI (set, no terminal): calm progress lines on stderr, and the offline queue is
    off unless offline_queue or REMOTE_SYNC_OFFLINE_QUEUE turns it on (docs/ci.md)

  Exit codes
    0 done or deliberately skipped   1 failed, rejected, blocked, diverged (--status)
    or unreachable (--health-check)  2 usage or configuration error
    3 nothing failed but something was queued   130 interrupted (Ctrl-C)
    143 terminated (SIGTERM)

  Examples
    $ remote-sync --status
    $ remote-sync --push --dry-run
    $ remote-sync --push --remote origin,backup
    $ remote-sync --push-all --group mirrors --json
    $ remote-sync --health-check
    $ remote-sync --push-all --events
    $ remote-sync --process-queue
    $ remote-sync-tui --demo
`;

/** `remote-sync help <verb>` and `remote-sync <verb> --help`. */
export const verbHelp = {
	init: `
  Usage
    $ remote-sync init [--force] [--cwd PATH]

  Writes .remotesyncrc.json in the work tree from the repository's git remotes (one entry
  each, with the defaults spelled out), so you can review and tune it. An existing file is
  kept unless --force is given.

  Next: review the file, then run remote-sync --status (or remote-sync-tui).
`,
	trust: `
  Usage
    $ remote-sync trust [--config PATH] [--cwd PATH]

  A repository's own config file (or the one --config names) is a stranger's. Until you
  approve it: its VPN commands never run, a url it gives a remote git does not have is never
  contacted ("untrusted, not pushed"), a force_push looser than your own acts as warn, and a
  branch_map entry sending a branch elsewhere on a remote is ignored. trust prints exactly
  what it approves and pins it, with the contents of the checkout files the commands run; a
  later change to any of it needs remote-sync trust again. Your own config (the user file
  under XDG_CONFIG_HOME) and remotes from git remote add need no trust.
`,
	'install-hook': `
  Usage
    $ remote-sync install-hook [--pre-push | --post-commit] [--cwd PATH]

  Installs a git hook that runs a headless push: pre-push (default) syncs every other remote
  when you git push; post-commit pushes after each commit. An existing hook of yours is kept
  and still runs first; core.hooksPath is honoured; running it again changes nothing.
`,
	'uninstall-hook': `
  Usage
    $ remote-sync uninstall-hook [--pre-push | --post-commit] [--cwd PATH]

  Removes the hook install-hook added (both kinds unless one is named) and restores the hook
  that was there before, byte for byte.
`,
	completion: `
  Usage
    $ remote-sync completion bash|zsh|fish

  Prints a completion script for the shell: flags, commands, and the repository's remote
  names, groups and branches. Load it once per shell, e.g.
    bash:  source <(remote-sync completion bash)        (or put it in ~/.bashrc)
    zsh:   source <(remote-sync completion zsh)         (after compinit)
    fish:  remote-sync completion fish | source
`,
	help: `
  Usage
    $ remote-sync help [command]

  Prints the help, or the help of one command: init, trust, install-hook, uninstall-hook, completion.
`,
} as const;

export type HelpTopic = keyof typeof verbHelp;
