// The shell's history file. go tool pprof keeps its history in memory
// only; gotune also keeps it across sessions, in a file of its own:
// $XDG_STATE_HOME/gotune/pprof_history (~/.local/state/... by default).

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** HISTORY_SIZE is how many lines are kept. */
export const HISTORY_SIZE = 1000;

/**
 * historyPath is the history file for an environment: $GOTUNE_HISTORY when
 * set (empty turns the file off), else under $XDG_STATE_HOME or
 * $HOME/.local/state; null when there is nowhere to keep it.
 */
export function historyPath(env: Record<string, string | undefined>): string | null {
  if (env.GOTUNE_HISTORY !== undefined) return env.GOTUNE_HISTORY === '' ? null : env.GOTUNE_HISTORY;
  const state = env.XDG_STATE_HOME || (env.HOME ? join(env.HOME, '.local', 'state') : '');
  return state ? join(state, 'gotune', 'pprof_history') : null;
}

/** loadHistory reads the file, newest line first (readline's order); [] when it cannot. */
export function loadHistory(path: string | null): string[] {
  if (path === null) return [];
  try {
    const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '');
    return lines.slice(-HISTORY_SIZE).reverse();
  } catch {
    return [];
  }
}

/**
 * saveHistory writes lines (newest first) oldest first, one per line. A
 * history that cannot be written is not worth an error in the middle of a
 * session, so failures are ignored.
 */
export function saveHistory(path: string | null, newestFirst: readonly string[]): void {
  if (path === null) return;
  try {
    mkdirSync(dirname(path), { recursive: true });
    const lines = newestFirst.slice(0, HISTORY_SIZE).reverse();
    writeFileSync(path, lines.map((l) => l + '\n').join(''));
  } catch {
    // best effort
  }
}
