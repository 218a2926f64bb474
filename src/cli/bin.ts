// The gotune process: wires the CLI to this process's streams and exit
// code. bin/gotune.js runs it (bundled as CommonJS, see
// scripts/build-cli.ts, hence no top-level await); tests spawn it to run
// the build they belong to.

import { dropPrefetched, prefetchPprofFiles } from '../fetch/prefetch.js';
import { DEFAULT_MAX_DECOMPRESSED } from '../profile/limits.js';

const argv = process.argv.slice(2);
// The profiles are read and gunzipped on other threads while the code that
// parses them loads (the same limit as pprof-args' default).
if (argv[0] === 'pprof') prefetchPprofFiles(argv.slice(1), DEFAULT_MAX_DECOMPRESSED);

async function run(): Promise<void> {
  const { main } = await import('./main.js');

  // A reader that stops early (`gotune pprof -top x | head`) closes the pipe:
  // stop quietly, as a Go program dies of SIGPIPE, instead of printing the
  // write error's stack.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

  const code = await main(argv, {
    // Each write is waited for: a report's chunks of bytes reuse their
    // buffer once the next is taken (report/output.ts), and when the reader
    // is slower than gotune (a pipe into less or grep), the rest of a large
    // report is not queued in memory. (An error, such as EPIPE, is handled
    // by the listener above.)
    stdout: (data) => new Promise<void>((resolve) => {
      process.stdout.write(data, () => resolve());
    }),
    stderr: (line) => process.stderr.write(line.endsWith('\n') ? line : line + '\n'),
    isTerminal: Boolean(process.stdout.isTTY),
    // Standard input only when read (the shell): making its stream costs a few ms.
    terminal: { get stdin() { return process.stdin; }, stderr: process.stderr },
  });
  dropPrefetched();
  process.exitCode = code;
}

void run();
