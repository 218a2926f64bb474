// The shell's two ways of talking to the user, as ShellPorts: on a
// terminal, node:readline with line editing, history (kept in a file) and
// tab completion, like pprof's terminal UI; otherwise plain lines read
// from standard input with the prompt on standard output, like pprof's.

import { createInterface, type Interface } from 'node:readline';
import type { Completion } from '../driver/shell-complete.js';
import type { ShellPort } from '../driver/shell.js';
import { loadHistory, saveHistory, HISTORY_SIZE } from './shell-history.js';

/** ShellStreams are standard input and error, which the shell reads and draws on. */
export interface ShellStreams {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/** ShellOutput is where reports and messages go (the CLI's stdout and stderr). */
export interface ShellOutput {
  stdout(data: string | Uint8Array): void;
  /** stderr writes one message; a newline is added when missing. */
  stderr(line: string): void;
}

/** ClosablePort is a ShellPort that must be closed when the shell ends. */
export interface ClosablePort extends ShellPort {
  close(): void;
}

// Lines arrive as events (several at once when pasted); the shell asks
// for them one at a time.
class LineQueue {
  private readonly lines: string[] = [];
  private waiter: ((l: string | null) => void) | null = null;
  private ended = false;

  push(line: string): void {
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w(line);
    } else {
      this.lines.push(line);
    }
  }

  end(): void {
    this.ended = true;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w(null);
    }
  }

  get hasLine(): boolean {
    return this.lines.length > 0;
  }

  next(): Promise<string | null> {
    if (this.lines.length > 0) return Promise.resolve(this.lines.shift()!);
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve) => { this.waiter = resolve; });
  }
}

function basePort(out: ShellOutput, printErr: (line: string) => void): Omit<ShellPort, 'readLine' | 'deliver'> {
  return {
    print: (text) => out.stdout(text),
    message: (text) => out.stderr(text),
    printErr,
  };
}

/** Deliver is ShellPort.deliver, supplied by the CLI. */
export type Deliver = ShellPort['deliver'];

/** plainPort reads lines from input and prints the prompt on standard output, as pprof does without a terminal. */
export function plainPort(input: NodeJS.ReadableStream, out: ShellOutput, deliver: Deliver): ClosablePort {
  const queue = new LineQueue();
  const rl = createInterface({ input, terminal: false, crlfDelay: Infinity });
  rl.on('line', (l) => queue.push(l));
  rl.on('close', () => queue.end());
  return {
    ...basePort(out, (line) => out.stderr(line)),
    deliver,
    readLine: (prompt) => {
      out.stdout(prompt);
      return queue.next();
    },
    close: () => {
      rl.close();
      (input as { pause?: () => void }).pause?.();
    },
  };
}

/** TerminalOptions configure the terminal port. */
interface TerminalOptions {
  complete: (line: string) => Completion;
  /** History file, or null for history in memory only. */
  historyFile: string | null;
  /** Print errors in red (pprof does on a terminal). */
  color: boolean;
  deliver: Deliver;
}

/**
 * terminalPort edits lines with node:readline on standard error (where
 * pprof's terminal UI draws too, leaving standard output to reports):
 * arrows and Emacs keys, Up/Down through the history, Tab to complete.
 * Ctrl-D on an empty line and Ctrl-C end the shell, as in pprof.
 */
export function terminalPort(streams: ShellStreams, out: ShellOutput, opts: TerminalOptions): ClosablePort {
  const queue = new LineQueue();
  const rl: Interface = createInterface({
    input: streams.stdin,
    output: streams.stderr,
    terminal: true,
    history: loadHistory(opts.historyFile),
    historySize: HISTORY_SIZE,
    completer: (line: string): [string[], string] => {
      const c = opts.complete(line);
      return [c.candidates, c.token];
    },
  });
  let closedByUser = true;
  rl.on('line', (l) => queue.push(l));
  rl.on('history', (h: string[]) => saveHistory(opts.historyFile, h));
  rl.on('SIGINT', () => rl.close());
  rl.on('close', () => {
    // End the prompt's line, so that what follows starts on a line of its own.
    if (closedByUser) streams.stderr.write('\n');
    queue.end();
  });
  const red = (line: string) => (opts.color ? `\x1b[0;31m${line}\x1b[0m` : line);
  return {
    ...basePort(out, (line) => out.stderr(red(line))),
    deliver: opts.deliver,
    readLine: (prompt) => {
      rl.setPrompt(prompt);
      if (!queue.hasLine) rl.prompt();
      return queue.next();
    },
    close: () => {
      closedByUser = false;
      rl.close();
      (streams.stdin as { pause?: () => void }).pause?.();
    },
  };
}
