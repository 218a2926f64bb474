// `gotune pprof`: pprof's Go-style flags, then one report (or the
// interactive shell) through the shared pipeline, delivered where pprof
// would put it.

import { filtersByFrames } from '../driver/focus.js';
import { fetchProfileParts, fetchProfiles, generateReport } from '../driver/pipeline.js';
import { parsePprofArgs, pprofUsage, type PprofArgs } from '../driver/pprof-args.js';
import { isObjectFile } from '../fetch/file.js';
import { parseByteSize } from '../fetch/gzip.js';
import { helperThread, localFetcher, localReportTools } from '../node/local-tools.js';
import type { Fetcher, ReportTools, Ui } from '../ports.js';
import { readsFiles, readsStacks } from '../report/generate.js';
import { EXIT, HelpRequested, UsageError } from '../user-error.js';
import { deliverOutput, finishOutput } from './deliver.js';
import { printFailure } from './failure.js';
import type { CliIo } from './io.js';
import { untilInterrupted } from '../node/interrupt.js';
import type { GoSubcommand } from './subcommand.js';

async function runPprof(argv: string[], io: CliIo): Promise<number> {
  const ui: Ui = {
    print: (t) => io.stdout(t),
    printErr: (l) => io.stderr(l),
    isTerminal: () => io.isTerminal,
  };
  const own = io.parallel === undefined ? helperThread() : null;
  const pool = io.parallel ?? own ?? undefined;
  try {
    const args = parsePprofArgs(argv, isObjectFile, parseByteSize);
    for (const w of args.warnings) ui.printErr(w);
    if (args.tools !== '') ui.printErr('-tools is ignored, as go tool pprof ignores it: gotune runs `go tool objdump` (else binutils) from PATH');
    const fetcher = io.fetcher ?? localFetcher((l) => io.stderr(l), io.terminal?.stderr, pool);
    // One report that reads no files needs no binutils code loaded.
    const tools = args.command && args.http === '' && !readsFiles(args.command.cmd.format) ? { parallel: pool } : await localReportTools(pool);
    if (args.http !== '') return await serveWeb(args, fetcher, tools, ui);
    if (!args.command) return await (await import('./shell-cli.js')).runPprofShell(args, { ...io, fetcher }, ui, tools);
    if (args.command.cmd.notSupported) {
      throw new UsageError(`-${args.command.cmd.name} is not supported yet (${args.command.cmd.notSupported})`);
    }
    // A report that reads no stack, under no filter that does, needs none
    // decoded: -tags on a 100 MB profile then never holds its 80 MB of
    // location ids. One source only: a merge matches samples by stack.
    if (!readsStacks(args.command.cmd.format) && !filtersByFrames(args.config) && args.spec.sources.length === 1 && args.spec.base.length === 0) {
      args.spec.fetch.stacks = false;
    }
    const p = await fetchProfiles(args.spec, fetcher, ui);
    // A merge (a -base, several sources) leaves its sources unreachable:
    // free them before the report allocates its own.
    if (args.spec.sources.length + args.spec.base.length > 1 && p.samples.locs.length > 4_000_000) {
      (await import('../fetch/memory.js')).releaseGarbage();
    }
    const out = generateReport(p, args.command, args.config, ui, tools);
    const finished = await finishOutput(args.command.cmd, out);
    return await deliverOutput(args.command.cmd, finished, {
      output: args.config.output, noBrowser: args.noBrowser, isTerminal: io.isTerminal, stdout: (d) => io.stdout(d),
    }, ui);
  } catch (e) {
    // As go tool pprof: the usage goes to standard error, for -h too, and
    // after the line of a bad flag; every failure exits 2.
    if (e instanceof HelpRequested) {
      io.stderr(pprofUsage().replace(/\n$/, ''));
      return EXIT.ok;
    }
    printFailure(e, 'gotune pprof', (l) => io.stderr(l));
    if (e instanceof UsageError && e.showUsage) io.stderr(pprofUsage().replace(/\n$/, ''));
    return EXIT.badInput;
  } finally {
    own?.close();
  }
}

/**
 * serveWeb is -http: the profile (and, with a base, its two sides) served
 * by the web UI until the process is interrupted.
 */
async function serveWeb(args: PprofArgs, fetcher: Fetcher, tools: ReportTools, ui: Ui): Promise<number> {
  const { serveProfile } = await import('../web/server/start.js');
  const parts = await fetchProfileParts(args.spec, fetcher, ui, args.spec.base.length > 0);
  const server = await serveProfile(parts.p, args.config, tools, { http: args.http, noBrowser: args.noBrowser, sources: [...args.spec.sources, ...args.spec.base.map((b) => `${b} (base)`)], sides: parts.sides }, ui);
  await untilInterrupted();
  await server.close();
  return EXIT.ok;
}

/** pprofCommand is `gotune pprof`. */
export const pprofCommand: GoSubcommand = { style: 'go', usage: pprofUsage, run: runPprof };
