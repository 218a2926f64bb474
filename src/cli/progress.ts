// Progress on standard error for commands that wait on a live service
// (measure, diagnose of a URL): a status line redrawn in place on a
// terminal, and plain lines that first erase it, so that no message is
// printed over a half-drawn status.

import type { CliIo } from './io.js';

/** Progress writes lines, and a status line when standard error is a terminal. */
interface Progress {
  /** line prints one message line. */
  line(l: string): void;
  /** status redraws the status line ('' erases it); absent when standard error is not a terminal. */
  status?: (text: string) => void;
}

/** progressOf builds the progress writers of a command's io. */
export function progressOf(io: CliIo): Progress {
  const err = io.terminal?.stderr;
  let statusShown = false;
  const line = (l: string) => {
    if (statusShown) {
      err?.write('\r\x1b[K');
      statusShown = false;
    }
    io.stderr(l);
  };
  const status = err?.isTTY ? (t: string) => {
    err.write(t === '' ? '\r\x1b[K' : `\r${t.slice(0, (err.columns ?? 80) - 1)}\x1b[K`);
    statusShown = t !== '';
  } : undefined;
  return { line, status };
}
