// The Node implementations of the ports, assembled once for every face
// (the CLI, the shell, the web server): files and URLs as profile
// sources, source files and binaries for -list/-disasm, a helper thread.

import { createFetcher } from '../fetch/fetcher.js';
import type { Fetcher, ReportTools } from '../ports.js';
import type { Parallel } from '../profile/parallel.js';
import { WorkerPool } from './parallel-pool.js';

/**
 * helperThread starts the helper thread for the passes over large
 * profiles (the thread itself starts on first use), or returns null when
 * GOTUNE_THREADS=1 keeps everything on one thread. The caller closes it.
 */
export function helperThread(env: NodeJS.ProcessEnv = process.env): WorkerPool | null {
  return env.GOTUNE_THREADS === '1' ? null : new WorkerPool();
}

/**
 * localReportTools reads sources and binaries from this machine, with an
 * optional helper thread. The binutils code (and node:child_process) is
 * loaded here, on demand: most reports read neither.
 */
export async function localReportTools(parallel?: Parallel): Promise<ReportTools> {
  const [{ localSourceReader }, { localObjTool }] = await Promise.all([import('../binutils/source-reader.js'), import('../binutils/objtool.js')]);
  return { sources: localSourceReader(), obj: localObjTool(), parallel };
}

/** ErrStream is standard error as a stream, for a countdown when it is a terminal. */
interface ErrStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/** localFetcher reads files and fetches URLs; messages go to printErr, a countdown to err when it is a terminal. */
export function localFetcher(printErr: (line: string) => void, err?: ErrStream, parallel?: Parallel): Fetcher {
  return createFetcher({
    printErr,
    parallel,
    progress: err?.isTTY ? { write: (t) => { err.write(t); }, columns: err.columns } : undefined,
  });
}
