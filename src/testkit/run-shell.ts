// Test helper: run `gotune pprof` without an output format in this process,
// its shell reading the given lines as piped (not terminal) input.

import { PassThrough, Readable } from 'node:stream';
import { main } from '../cli/main.js';

/** ShellRun is what one shell session printed. */
interface ShellRun {
  code: number;
  /** Standard output: prompts and reports. */
  stdout: string;
  /** Standard error: banner, help, options and error lines, each ending in a newline. */
  stderr: string;
}

/** runShellCli runs `gotune <argv>` with `input` on standard input. */
export async function runShellCli(argv: string[], input: string): Promise<ShellRun> {
  const out: Buffer[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    stdout: (d) => { out.push(Buffer.from(d)); },
    stderr: (l) => err.push(l.endsWith('\n') ? l : l + '\n'),
    isTerminal: false,
    terminal: { stdin: Readable.from([input]), stderr: new PassThrough() },
  });
  return { code, stdout: Buffer.concat(out).toString(), stderr: err.join('') };
}
