/** Which bin ran: each has its own entry file (remote-sync.ts, remote-sync-tui.ts). */
export type ProgramName = 'remote-sync' | 'remote-sync-tui';
