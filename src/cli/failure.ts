// The one place a failed subcommand becomes its last words: a user's error
// is one line and its exit status; a bug is one line too, with the stack
// only when GOTUNE_DEBUG is set. Never a bare stack trace.

import { fsMessage } from '../fetch/file.js';
import { isUserError } from '../user-error.js';

/** printFailure prints why `prog` failed on stderr and returns the exit status. */
export function printFailure(e: unknown, prog: string, stderr: (line: string) => void): number {
  if (isUserError(e)) {
    stderr(`${prog}: ${e.message}`);
    return e.exitStatus;
  }
  const err = e as NodeJS.ErrnoException;
  // A file-system or network error that escaped a layer: still about the input.
  if (err && typeof err.code === 'string' && err.syscall) {
    stderr(`${prog}: ${err.path ? `${err.path}: ` : ''}${fsMessage(err)}`);
    return 1;
  }
  stderr(`${prog}: internal error: ${err?.message ?? String(e)} (set GOTUNE_DEBUG=1 for the stack)`);
  if (process.env.GOTUNE_DEBUG) stderr(String(err?.stack ?? ''));
  return 1;
}
