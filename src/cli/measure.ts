// `gotune measure`: argv in, a run directory and a summary out. Ctrl-C
// stops the load and keeps what was captured (a second Ctrl-C exits at
// once); errors a user can cause are one line on stderr.

import { MeasureError, runMeasure } from '../measure/measure.js';
import { MEASURE_USAGE, MeasureHelp, MeasureUsageError, parseMeasureArgs } from '../measure/options.js';
import { RunDirError } from '../measure/run-dir.js';
import type { CliIo } from './main.js';

/** MeasureCliIo adds what a long-running command needs to the CLI's io. */
export interface MeasureCliIo extends CliIo {
  /** Aborts the run as Ctrl-C does (tests); by default SIGINT and SIGTERM do. */
  signal?: AbortSignal;
}

/** runMeasureCli is `gotune measure`. */
export async function runMeasureCli(argv: string[], io: MeasureCliIo): Promise<number> {
  let opts;
  try {
    opts = parseMeasureArgs(argv);
  } catch (e) {
    if (e instanceof MeasureHelp) {
      await io.stdout(MEASURE_USAGE);
      return 0;
    }
    if (e instanceof MeasureUsageError) {
      io.stderr(`gotune measure: ${e.message}`);
      io.stderr('run `gotune measure -h` for the flags');
      return 2;
    }
    throw e;
  }
  const ac = new AbortController();
  io.signal?.addEventListener('abort', () => ac.abort(), { once: true });
  let interrupts = 0;
  const onSignal = () => {
    interrupts++;
    if (interrupts === 1) {
      io.stderr('gotune measure: stopping the load; keeping what was captured (Ctrl-C again to quit at once)');
      ac.abort();
    } else {
      process.exit(130);
    }
  };
  const useSignals = !io.signal;
  if (useSignals) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  const err = io.terminal?.stderr as (NodeJS.WritableStream & { isTTY?: boolean; columns?: number }) | undefined;
  try {
    const result = await runMeasure(opts, {
      printErr: (l) => io.stderr(l),
      status: err?.isTTY ? (t) => { err.write(`\r${t.slice(0, (err.columns ?? 80) - 1)}\x1b[K`); } : undefined,
      signal: ac.signal,
    });
    await io.stdout(result.summary);
    return result.exitCode;
  } catch (e) {
    if (e instanceof MeasureError || e instanceof RunDirError) {
      io.stderr(`gotune measure: ${e.message}`);
      return 1;
    }
    const x = e as Error;
    io.stderr(`gotune measure: internal error: ${x?.message ?? String(e)} (set GOTUNE_DEBUG=1 for the stack)`);
    if (process.env.GOTUNE_DEBUG) io.stderr(String(x?.stack ?? ''));
    return 1;
  } finally {
    if (useSignals) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }
}
