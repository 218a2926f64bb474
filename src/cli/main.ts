// The gotune command line: argv in, exit status out. Errors a user can
// cause become one line on stderr (exit 1; 2 for usage errors), never a
// stack trace.

import { HelpRequested, UsageError } from '../driver/goflags.js';
import { RegexpError } from '../driver/goregexp.js';
import { fetchProfiles, generateReport, PipelineError } from '../driver/pipeline.js';
import { parsePprofArgs, pprofUsage } from '../driver/pprof-args.js';
import { FetchError } from '../fetch/errors.js';
import { isObjectFile } from '../fetch/file.js';
import { parseByteSize } from '../fetch/gzip.js';
import { createFetcher } from '../fetch/fetcher.js';
import { isProfileError } from '../profile/errors.js';
import { localObjTool } from '../binutils/objtool.js';
import { localSourceReader } from '../binutils/source-reader.js';
import { ReportError } from '../report/errors.js';
import type { Fetcher, Ui } from '../ports.js';
import { deliverOutput, finishOutput } from './graph-output.js';
import { WorkerPool } from './parallel-pool.js';
import type { Parallel } from '../profile/parallel.js';

/** CliIo is the process around a command (replaced by fakes in tests). */
export interface CliIo {
  /** stdout writes; a returned promise says to wait before writing more (back-pressure). */
  stdout(data: string | Uint8Array): void | Promise<void>;
  stderr(line: string): void;
  isTerminal: boolean;
  fetcher?: Fetcher;
  /** A helper thread to use (tests share one); by default each run starts its own. */
  parallel?: Parallel;
  /** Standard input and error as streams, for the interactive shell; without them it reads no line. */
  terminal?: { stdin: NodeJS.ReadableStream & { isTTY?: boolean }; stderr: NodeJS.WritableStream & { isTTY?: boolean } };
}

const USAGE = `usage: gotune <command> [arguments]

Commands:
  pprof      a drop-in for \`go tool pprof\`: the same flags, reports and numbers
  goroutines group a goroutine dump by stack; --diff two snapshots to find leaks
  measure    drive load at a service and capture its profiles into a run directory
  help       this text

Run \`gotune pprof -h\` for the pprof flags.
`;

/** main runs gotune with argv (without the node and script paths). */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'pprof':
      return runPprof(rest, io);
    case 'goroutines': return (await import('./goroutines.js')).runGoroutines(rest, io);
    case 'measure': return (await import('./measure.js')).runMeasureCli(rest, io);
    case undefined:
    case 'help':
    case '-h':
    case '-help':
    case '--help':
      io.stdout(USAGE);
      return cmd === undefined ? 2 : 0;
    default:
      io.stderr(`gotune: unknown command "${cmd}"; run \`gotune help\``);
      return 2;
  }
}

/** runPprof is `gotune pprof`. */
export async function runPprof(argv: string[], io: CliIo): Promise<number> {
  const ui: Ui = {
    print: (t) => io.stdout(t),
    printErr: (l) => io.stderr(l),
    isTerminal: () => io.isTerminal,
  };
  // A helper thread for the passes over large profiles (started on first
  // use); GOTUNE_THREADS=1 keeps everything on one thread.
  const own = io.parallel === undefined && process.env.GOTUNE_THREADS !== '1' ? new WorkerPool() : null;
  const pool = io.parallel ?? own ?? undefined;
  try {
    const args = parsePprofArgs(argv, isObjectFile, parseByteSize);
    for (const w of args.warnings) ui.printErr(w);
    if (args.http !== '') throw new UsageError('-http (the web UI) is not supported yet');
    if (args.tools !== '') ui.printErr('-tools is ignored, as go tool pprof ignores it: gotune runs `go tool objdump` (else binutils) from PATH');
    const fetcher = io.fetcher ?? cliFetcher(io, pool);
    if (!args.command) return await (await import('./shell-cli.js')).runPprofShell(args, { ...io, fetcher }, ui);
    if (args.command.cmd.notSupported) {
      throw new UsageError(`-${args.command.cmd.name} is not supported yet (${args.command.cmd.notSupported})`);
    }
    const p = await fetchProfiles(args.spec, fetcher, ui);
    const out = generateReport(p, args.command, args.config, ui, { sources: localSourceReader(), obj: localObjTool(), parallel: pool });
    const finished = await finishOutput(args.command.cmd, out);
    return await deliverOutput(args.command.cmd, finished, {
      output: args.config.output, noBrowser: args.noBrowser, isTerminal: io.isTerminal, stdout: (d) => io.stdout(d),
    }, ui);
  } catch (e) {
    return reportError(e, io);
  } finally {
    own?.close();
  }
}

// Files and URLs; messages on stderr, a countdown when stderr is a terminal.
function cliFetcher(io: CliIo, parallel?: Parallel): Fetcher {
  const err = io.terminal?.stderr as (NodeJS.WritableStream & { isTTY?: boolean; columns?: number }) | undefined;
  return createFetcher({
    printErr: (l) => io.stderr(l),
    parallel,
    progress: err?.isTTY ? { write: (t) => { err.write(t); }, columns: err.columns } : undefined,
  });
}

function reportError(e: unknown, io: CliIo): number {
  if (e instanceof HelpRequested) {
    io.stdout(pprofUsage());
    return 0;
  }
  if (e instanceof UsageError) {
    io.stderr(`gotune pprof: ${e.message}`);
    return 2;
  }
  if (e instanceof RegexpError) {
    io.stderr(`gotune pprof: ${e.message}`);
    return 2;
  }
  if (e instanceof PipelineError && e.usage) {
    io.stderr(`gotune pprof: ${e.message}`);
    return 2;
  }
  if (e instanceof PipelineError || e instanceof FetchError || e instanceof ReportError || isProfileError(e)) {
    io.stderr(`gotune pprof: ${(e as Error).message}`);
    return 1;
  }
  const err = e as NodeJS.ErrnoException;
  if (err && typeof err.code === 'string' && err.syscall) {
    io.stderr(`gotune pprof: ${err.path ?? ''}${err.path ? ': ' : ''}${err.message}`);
    return 1;
  }
  // A bug in gotune: still one line, with a pointer to the details.
  io.stderr(`gotune pprof: internal error: ${err?.message ?? String(e)} (set GOTUNE_DEBUG=1 for the stack)`);
  if (process.env.GOTUNE_DEBUG) io.stderr(String(err?.stack ?? ''));
  return 1;
}
