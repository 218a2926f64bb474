// `gotune pprof [flags] source` with no output format: fetch the profile,
// then run the interactive shell on the terminal, or on plain lines from
// standard input when it is not a terminal.

import { fetchProfiles } from '../driver/pipeline.js';
import type { PprofArgs } from '../driver/pprof-args.js';
import { ShellSession } from '../driver/shell.js';
import type { Fetcher, ReportTools, Ui } from '../ports.js';
import { Readable } from 'node:stream';
import { historyPath } from './shell-history.js';
import { deliverOutput, finishOutput } from './deliver.js';
import { plainPort, terminalPort, type ClosablePort, type Deliver, type ShellOutput, type ShellStreams } from './shell-terminal.js';

/** ShellIo is what the shell needs from the CLI's io. */
interface ShellIo extends ShellOutput {
  fetcher: Fetcher;
  /** Standard input and error; without them the shell reads no line (it greets and ends). */
  terminal?: ShellStreams;
}

/**
 * useTerminal tells whether to edit lines on a terminal: standard input
 * and error are terminals and TERM is not empty or "dumb" (pprof's rule).
 */
function useTerminal(streams: ShellStreams, env: Record<string, string | undefined>): boolean {
  const term = (env.TERM ?? '').toLowerCase();
  return Boolean(streams.stdin.isTTY && streams.stderr.isTTY) && term !== '' && term !== 'dumb';
}

/** runPprofShell fetches the sources and runs the shell until quit, Ctrl-D or the end of input. */
export async function runPprofShell(args: PprofArgs, io: ShellIo, ui: Ui, tools: ReportTools): Promise<number> {
  const p = await fetchProfiles(args.spec, io.fetcher, ui);
  const env = process.env;
  let session: ShellSession | null = null;
  let port: ClosablePort;
  // Messages go through the port, which colours them on a terminal.
  const shellUi: Ui = { print: (t) => io.stdout(t), printErr: (l) => port.printErr(l), isTerminal: () => true };
  // The CLI's own delivery, as if standard output were a terminal: pprof's
  // shell, too, keeps binary and graph files off the screen.
  const deliver: Deliver = async (cmd, out, output) => {
    const finished = await finishOutput(cmd, out);
    await deliverOutput(cmd, finished, { output, noBrowser: args.noBrowser, isTerminal: true, stdout: (d) => io.stdout(d) }, shellUi);
  };
  if (io.terminal && useTerminal(io.terminal, env)) {
    port = terminalPort(io.terminal, io, {
      complete: (line) => session?.complete(line) ?? { candidates: [], token: '' },
      historyFile: historyPath(env),
      color: env.NO_COLOR === undefined || env.NO_COLOR === '',
      deliver,
    });
  } else {
    port = plainPort(io.terminal?.stdin ?? Readable.from([]), io, deliver);
  }
  session = new ShellSession(p, args.config, port, tools);
  try {
    await session.run();
  } finally {
    port.close();
  }
  return 0;
}
