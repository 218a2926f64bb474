// The Fetcher used by the CLI: an existing file is read as a file;
// anything else that go tool pprof takes for a URL (http://…, https://…,
// https+insecure://…, host:port[/path]) is fetched over HTTP.

import type { Fetched, Fetcher, FetchOptions, Ui } from '../ports.js';
import type { Parallel } from '../profile/parallel.js';
import type { Profile } from '../profile/types.js';
import { fileExists, readProfileFile } from './file.js';
import type { ProgressSink } from './progress.js';
import { saveFetchedProfile } from './save-profile.js';
import { adjustUrl } from './url-source.js';

async function readFile(source: string, opts: FetchOptions, parallel?: Parallel): Promise<Fetched> {
  const profile = await readProfileFile(source, opts.maxDecompressedBytes, parallel, opts.stacks ?? true);
  // The decompressed bytes are unreachable now; free them before reporting.
  if (profile.samples.locs.length > 4_000_000) (await import('./memory.js')).releaseGarbage();
  return { profile, remote: false };
}

/** FetcherIo is what fetching URLs prints to. */
interface FetcherIo {
  /** One line on standard error. */
  printErr(line: string): void;
  /** Standard error when it is a terminal (for the countdown bar). */
  progress?: ProgressSink;
  /** A helper thread for decoding large profiles. */
  parallel?: Parallel;
  /** Where saved copies go; default process.env ($PPROF_TMPDIR, $HOME). */
  env?: Record<string, string | undefined>;
}

/**
 * createFetcher reads files and fetches URLs as `go tool pprof` does, and
 * saves a copy of profiles fetched over the network (pprof's
 * $PPROF_TMPDIR or ~/pprof, "Saved profile in …").
 */
export function createFetcher(io: FetcherIo): Fetcher {
  return {
    async fetch(source: string, opts: FetchOptions): Promise<Fetched> {
      if (!fileExists(source)) {
        const adj = adjustUrl(source, opts.seconds, opts.timeout);
        // Loaded on demand: reading a file needs no HTTP or TLS code.
        if (adj) return (await import('./url-fetch.js')).fetchUrl(adj, opts, io);
      }
      return readFile(source, opts, io.parallel);
    },
    saveFetched(p: Profile, ui: Ui): void {
      saveFetchedProfile(p, (l) => ui.printErr(l), io.env ?? process.env);
    },
  };
}
