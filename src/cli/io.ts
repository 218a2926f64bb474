// The process around a subcommand: its output streams, and the shared
// things tests replace (a fetcher, a helper thread, a cancel signal).

import type { Fetcher } from '../ports.js';
import type { Parallel } from '../profile/parallel.js';

/** CliIo is what a subcommand runs with (the process's streams, or fakes in tests). */
export interface CliIo {
  /** stdout writes; a returned promise says to wait before writing more (back-pressure). */
  stdout(data: string | Uint8Array): void | Promise<void>;
  /** stderr writes one line (the newline is added). */
  stderr(line: string): void;
  /** Whether standard output is a terminal. */
  isTerminal: boolean;
  /** Where profiles come from (tests pass a fake); by default files and URLs. */
  fetcher?: Fetcher;
  /** A helper thread to use (tests share one); by default each run starts its own. */
  parallel?: Parallel;
  /** Standard input and error as streams, for the interactive shell and progress lines. */
  terminal?: { stdin: NodeJS.ReadableStream & { isTTY?: boolean }; stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number } };
  /** Aborts a long-running command as Ctrl-C does (tests); by default SIGINT and SIGTERM do. */
  signal?: AbortSignal;
}
