// The Fetcher used by the CLI: local files now; URL sources come with the
// live-capture work and are refused clearly until then.

import type { Fetched, Fetcher, FetchOptions } from '../ports.js';
import { FetchError } from './errors.js';
import { fileExists, readProfileFile } from './file.js';
import { releaseGarbage } from './memory.js';

function looksLikeUrl(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source) || /^[\w.-]*:\d+(\/|$)/.test(source);
}

/** localFetcher reads profile files. */
export const localFetcher: Fetcher = {
  async fetch(source: string, opts: FetchOptions): Promise<Fetched> {
    if (!fileExists(source) && looksLikeUrl(source)) {
      throw new FetchError('fetching profiles from URLs is not supported yet');
    }
    const profile = await readProfileFile(source, opts.maxDecompressedBytes);
    // The decompressed bytes are unreachable now; free them before reporting.
    if (profile.samples.locs.length > 4_000_000) releaseGarbage();
    return { profile, remote: false };
  },
};
