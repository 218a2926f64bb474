// Reading the profile files named on the command line while the rest of
// gotune loads: the CLI's entry starts reading and gunzipping them (on
// libuv's threads) before it imports the code that parses them, and
// readProfileFile takes the bytes when it gets there.

import { closeSync, openSync, readSync } from 'node:fs';
import { readMaybeGzip } from './gunzip-file.js';

interface Pending {
  maxBytes: number;
  data: Promise<Uint8Array>;
  abort: AbortController;
}

const pending = new Map<string, Pending>();

function isGzipFile(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

// The value-taking flags whose value is a file gotune writes, not reads.
const WRITTEN = new Set(['-output', '--output', '-o']);

/**
 * prefetchPprofFiles starts reading the gzipped files among the arguments
 * of `gotune pprof` (sources, -base=, -diff_base=), with maxBytes as the
 * decompression limit. Arguments that are not such files are left alone;
 * with -max_decompressed_size the limit is not known yet, and nothing is
 * read ahead.
 */
export function prefetchPprofFiles(args: readonly string[], maxBytes: number): void {
  if (args.some((a) => /^--?max_decompressed_size(=|$)/.test(a))) return;
  for (let i = 0; i < args.length; i++) {
    let a = args[i];
    if (WRITTEN.has(a)) {
      i++;
      continue;
    }
    const flag = /^--?(base|diff_base)=(.*)$/.exec(a);
    if (flag) a = flag[2];
    else if (a.startsWith('-')) continue;
    if (pending.has(a) || !isGzipFile(a)) continue;
    const abort = new AbortController();
    const data = readMaybeGzip(a, maxBytes, abort.signal);
    // Not taken (a -h, a bad flag): the failure is nobody's to report.
    data.catch(() => {});
    pending.set(a, { maxBytes, data, abort });
  }
}

/** takePrefetched returns the bytes being read for path with this limit (once), or undefined. */
export function takePrefetched(path: string, maxBytes: number): Promise<Uint8Array> | undefined {
  const p = pending.get(path);
  if (!p || p.maxBytes !== maxBytes) return undefined;
  pending.delete(path);
  return p.data;
}

/** dropPrefetched stops the reads nobody took, so that the process can exit. */
export function dropPrefetched(): void {
  for (const p of pending.values()) p.abort.abort();
  pending.clear();
}
